def count_words(text: str) -> int:
    """Count the words in `text`, where words are separated by whitespace."""
