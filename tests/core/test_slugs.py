from core.slugs import unique_slug


def test_a_free_slug_is_the_base_and_joins_taken():
    taken = set()
    assert unique_slug("de-kolk", taken, max_length=50) == "de-kolk"
    assert taken == {"de-kolk"}


def test_a_taken_slug_is_numbered_on_from_two_within_one_batch():
    taken = {"de-kolk"}
    first = unique_slug("de-kolk", taken, max_length=50)
    second = unique_slug("de-kolk", taken, max_length=50)
    assert (first, second) == ("de-kolk-2", "de-kolk-3")


def test_the_number_fits_inside_max_length_without_a_dangling_dash():
    taken = {"abcde"}
    assert unique_slug("abcd-efgh", taken, max_length=5) == "abcd"
    assert unique_slug("abcd-efgh", taken, max_length=5) == "abc-2"
