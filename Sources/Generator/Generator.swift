// Module Generator: see README.
