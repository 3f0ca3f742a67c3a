"""Persian text analysis: folding, tokenization, stop words, name-safe lemmatization and entity extraction."""
