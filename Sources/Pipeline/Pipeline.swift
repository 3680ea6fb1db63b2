// Module Pipeline: see README.
