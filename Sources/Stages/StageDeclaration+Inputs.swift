import Pipeline

extension StageDeclaration {
    /// The upstream stage named by parameter `parameter` (else `defaultName`), which must be one
    /// of the declared inputs: a stage reads only what it declares.
    func declaredInput(parameter: String, default defaultName: String) throws -> String {
        let input = parameters[parameter] ?? defaultName
        guard inputs.contains(input) else {
            throw StageSetupError(stage: name, message: "input \(input) (parameter `\(parameter)`) is not declared")
        }
        return input
    }
}
