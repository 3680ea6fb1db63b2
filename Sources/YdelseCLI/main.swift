print("ydelse: not yet wired")
