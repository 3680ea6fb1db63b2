// Module Domain: see README.
