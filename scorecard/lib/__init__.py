"""What every app may import: the NHS period arithmetic, the NHS.UK design
system's form base and its period fields, the admin's labelled inline, and
counts in words (words.count_of).
It imports nothing of the apps."""
