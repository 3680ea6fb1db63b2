// Module ArrowIPC: see README.
