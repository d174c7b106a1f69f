"""What every app may import: the NHS period arithmetic, the NHS.UK design
system's form base and its period fields, and the admin's labelled inline.
It imports nothing of the apps."""
