from wordcount import count_words


def test_counts_words_separated_by_any_whitespace() -> None:
    assert count_words("one two\tthree\nfour") == 4
