// Module Domain: benefit spells (ydelsesforløb), their duration (ydelsesvarighed)
// and the experiment's full period (forsøgsperiode), as RULES.md defines them.
//
// Pure, deterministic logic over Sendable value types; no tables, no IO.
//
//   PersonHistory                       one pnr's facts (PersonHistory.swift; one row type per source in Inputs/)
//   PersonTimeline(person, month:)      CONV-10 view at last(M): spells, dead days, spread hours,
//                                       dur(σ, d), h(x), Σ h over ranges (reusable by later stages)
//   SpellBuilder.spells(for:month:)                  -> [Spell]               spells/forloeb
//   DurationCalculator.durations(for:month:)         -> (rows, counters)      durations/varighed
//   ForsoegsperiodeCalculator.periods(for:month:)    -> [ForsoegsperiodeRow]  forsoegsperiode
//   JobsamtaleMeasurement.measure(_:month:)          -> ([MeasuredPerson], counters)  jobsamtaler/maalte
//       Jobsamtaler/: MeasurementWindow (WIN), TalkCounter (TALK), Exemption (POP-5, EXEMPT),
//       MeasuredPerson (EXEMPT-8 order, POP-7), FocusMeasure (MEAS-4, FOCUS arithmetic)
//
// Time-dependent rules (CONV-8) and the Skema 1 bounds are reference data
// (ReferenceData/Resources/rule_windows.csv, folkepensionsalder.csv, skema1.csv,
// forsikring_timer.csv, fritagelseskoder.csv, skema2_kommuner.csv, fritagelse_graenser.csv),
// loaded once into DomainRules.standard.
