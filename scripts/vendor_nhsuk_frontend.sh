#!/usr/bin/env bash
# Vendors the NHS.UK design system's compiled CSS, JS and icons into
# static/vendor/nhsuk-frontend/. Run by hand when upgrading; the output is
# committed so the app never fetches anything at run time.
#
# Two changes are made to the CSS, both because the app must not reach the
# network: the @font-face rules that load Frutiger from assets.nhs.uk are
# removed (the font is licensed to NHS.UK and the stack falls back to Arial),
# and the icon URLs are made relative to the CSS file.
set -euo pipefail
version="${1:-10}"
top=$(cd "$(dirname "$0")/.." && pwd)
dest="$top/static/vendor/nhsuk-frontend"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "nhsuk-frontend@$version" >/dev/null && tar xzf nhsuk-frontend-*.tgz)
pkg="$work/package"
exact=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$pkg/package.json")

rm -rf "$dest"
mkdir -p "$dest/assets/images"
cp "$pkg/dist/nhsuk/nhsuk-frontend.min.js" "$dest/"
cp "$pkg/dist/nhsuk/assets/images/"* "$dest/assets/images/"
python3 - "$pkg/dist/nhsuk/nhsuk-frontend.min.css" "$dest/nhsuk-frontend.min.css" <<'PY'
import re
import sys

css = open(sys.argv[1], encoding="utf-8").read()
css = re.sub(r"@font-face\{[^}]*assets\.nhs\.uk[^}]*\}", "", css)
css = css.replace("url(/assets/images/", "url(assets/images/")
# The source map is not vendored, so drop the comment that points at it.
css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)
assert "https://" not in css, "the CSS still refers to the network"
open(sys.argv[2], "w", encoding="utf-8").write(css)
PY
sed -i 's#//\# sourceMappingURL=.*##' "$dest/nhsuk-frontend.min.js"

cat > "$dest/VERSION" <<TXT
nhsuk-frontend $exact (npm registry, dist/nhsuk/), vendored by scripts/vendor_nhsuk_frontend.sh.
CSS changed: @font-face rules for assets.nhs.uk removed; icon URLs made relative.
TXT
cat > "$dest/LICENSE" <<'TXT'
The MIT License (MIT)

Copyright (c) 2020 NHS England

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
TXT
echo "vendored nhsuk-frontend $exact into $dest"
