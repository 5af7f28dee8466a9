"""Production's static storage, tolerant of references to files that are not there.

`collectstatic` with whitenoise's CompressedManifestStaticFilesStorage stops at the
first CSS/JS reference to a missing file (November 2026: static/vendor/leaflet/leaflet.js
names leaflet.js.map, which is not vendored; see bench/FINDINGS.md). The benchmark should
measure pages, not stop there: this storage leaves such a reference as it is and goes on.
Everything else is production's storage.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class TolerantManifestStorage(CompressedManifestStaticFilesStorage):
    def url_converter(self, name, hashed_files, template=None):
        convert = super().url_converter(name, hashed_files, template)

        def tolerant(matchobj):
            try:
                return convert(matchobj)
            except ValueError:
                return matchobj.group(0)

        return tolerant
