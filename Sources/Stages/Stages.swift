// Module Stages: see README.
