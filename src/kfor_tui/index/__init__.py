"""Pure queries over a Corpus: who is involved, the chronology, search, conflicts. No I/O, no Textual."""
