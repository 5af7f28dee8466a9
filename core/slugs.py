"""One rule for a slug that must not collide: numbered on from -2, cut to the field.

The caller reads the slugs taken once (one query, or none while planning a whole
import) and passes them as a set; each slug handed out joins it, so a batch of new
rows never collides with itself either.
"""


def unique_slug(base: str, taken: set[str], *, max_length: int) -> str:
    """`base`, or `base-2`, `base-3` … cut to max_length; the result joins `taken`."""
    slug = base[:max_length].rstrip("-")
    number = 2
    while slug in taken:
        suffix = f"-{number}"
        slug = f"{base[: max_length - len(suffix)].rstrip('-')}{suffix}"
        number += 1
    taken.add(slug)
    return slug
