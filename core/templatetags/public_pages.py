"""``{% public_fragment name value … %}…{% endpublic_fragment %}``: a part of a page
kept like the public pages (:func:`core.public_pages.kept`) until the data changes,
for the visitors whom the page cache does not serve (those with a session). The
values after the name (the language, the municipality chosen) make up its key."""

import hashlib

from django import template

from core.public_pages import kept

register = template.Library()


class PublicFragmentNode(template.Node):
    def __init__(self, nodelist, name: str, vary_on: list) -> None:
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context) -> str:
        vary = ":".join(str(value.resolve(context)) for value in self.vary_on)
        digest = hashlib.sha256(vary.encode()).hexdigest()[:32]
        return kept(
            f"fragment:{self.name}:{digest}", lambda: self.nodelist.render(context)
        )


@register.tag
def public_fragment(parser, token) -> PublicFragmentNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a name.")
    nodelist = parser.parse(("endpublic_fragment",))
    parser.delete_first_token()
    return PublicFragmentNode(
        nodelist, bits[1], [parser.compile_filter(bit) for bit in bits[2:]]
    )
