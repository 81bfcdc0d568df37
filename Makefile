# Two commands do everything: `make site` builds the whole site into output/, `make test` runs the
# whole test suite. Both create .venv from the pinned requirements on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.requirements-installed
# The release gate's Node tools (Nu Html Checker, Lighthouse), from package-lock.json.
NODE_READY := node_modules/.installed

.PHONY: site test serve new check publish-build gate publish clean requirements lint bench-search bench-build share-cards strip-photos

$(READY): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(NODE_READY): package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

site: $(READY)  ## build the whole site into output/
	$(BIN)/invoke build

test: $(READY) $(NODE_READY)  ## lint, then run the whole test suite and release gate (it builds the site itself)
	$(BIN)/ruff check .
	$(BIN)/pytest

serve: $(READY)  ## live preview on http://localhost:8000/ (Ctrl-C stops it)
	$(BIN)/invoke livereload

new: $(READY)  ## create a new article pair: make new TITLE="English title" CATEGORY=news [DATE="2026-11-20 09:30"]
	$(BIN)/invoke new --title "$(TITLE)" --category "$(CATEGORY)" --date "$(DATE)"

check: $(READY)  ## check all content without building
	$(BIN)/invoke check

publish-build: $(READY)  ## build with publishconf.py (absolute URLs, feeds)
	$(BIN)/invoke publish-build

gate: $(READY) $(NODE_READY)  ## run the release gate on output/ as make publish-build left it (publishes nothing)
	$(BIN)/invoke gate

publish: $(READY) $(NODE_READY)  ## build, run the release gate, publish: make publish TARGET=/folder or GH_PAGES=<git remote>
	$(BIN)/invoke publish $(if $(TARGET),--target "$(TARGET)") $(if $(GH_PAGES),--gh-pages "$(GH_PAGES)")

strip-photos: $(READY)  ## remove the GPS position and other metadata from the photos in content/, before a commit
	$(BIN)/invoke strip-photos

share-cards: $(READY)  ## draw the link-preview cards again, after a change to a site name, tagline or agency
	$(BIN)/invoke share-cards

bench-search: $(READY)  ## search recall, precision and bytes per query, ours against plain Pagefind
	$(BIN)/python bench/search_benchmark.py

bench-build: $(READY)  ## build time, CPU and memory of 500 and 2000 article pairs, ours against plain Pelican
	$(BIN)/python bench/build_benchmark.py $(if $(PAIRS),--pairs $(PAIRS))

lint: $(READY)
	$(BIN)/ruff check .

clean:
	rm -rf output output.* cache test-artifacts

requirements: $(READY)  ## re-pin requirements.txt from requirements.in
	$(BIN)/pip install --quiet -r requirements.in
	{ echo "# Pinned from requirements.in with \`make requirements\`; do not edit by hand."; \
	  $(BIN)/pip freeze --exclude-editable; } > requirements.txt
