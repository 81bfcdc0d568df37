/* Site search: Pagefind's index for the page's language, with results re-ranked so that pages
   containing the exact query come first, and snippets cut from the visible text only (the Thai
   search terms added at build time follow a sentinel character and are never shown). */
const SENTINEL = "\u2042";
const MAX_RESULTS = 8;  // each result's text is one download: enough to re-rank, no more
const ENOUGH = 1;  // a one-term search that finds fewer (or only a shorter term: holdsTerms) is retried word by word
const root = document.querySelector("[data-module=search]");
const input = document.querySelector("[data-search-input]");
const status = root.querySelector("[data-search-status]");
const sitemap = root.querySelector("[data-search-sitemap]");  // shown when search finds nothing or fails
const list = root.querySelector("[data-search-results]");
const thaiPages = root.querySelector("[data-search-thai]");  // on pages not in Thai: a Thai query's other chance
const lang = root.dataset.lang;
const text = (name, values) => Object.entries(values || {}).reduce(
  // A function, not the text itself: in a replacement text, $' and $` would insert parts of the message.
  (message, [key, value]) => message.replace("{" + key + "}", () => value), root.dataset["text" + name]);
const plurals = new Intl.PluralRules(root.dataset.locale);
// The site's own locale (LANGUAGES' `locale`: th_TH counts the Buddhist Era, en_GB writes 21 August 2024).
// As much of the date as the index holds: "2024-03-19", "2023-12" (the day is not known) or "2024". In UTC: the
// day is read as midnight UTC, which a reader west of UTC saw as the day before.
const dateForms = [{ year: "numeric" }, { month: "long", year: "numeric" }, { day: "numeric", month: "long", year: "numeric" }]
  .map((parts) => new Intl.DateTimeFormat(root.dataset.locale, Object.assign({ timeZone: "UTC" }, parts)));
const formatDate = (value) => dateForms[value.split("-").length - 1].format(new Date(value));

document.querySelector("[data-search-nojs]").hidden = true;

/* Thai queries are split into words, as the index's terms are; Pagefind matches each as a prefix. */
const segmenter = "Segmenter" in Intl ? new Intl.Segmenter("th", { granularity: "word" }) : null;
const THAI = /[\u0E00-\u0E7F]/;
/* Thai terms are indexed spelt in Latin letters, two per character (plugins/search/thai_terms.py). */
function encode(word) {
  return Array.from(word).map((character) => {
    const offset = character.codePointAt(0) - 0x0E00;
    return String.fromCharCode(97 + (offset % 26), 97 + Math.floor(offset / 26));
  }).join("");
}
function queryTerms(query, split) {
  if (!THAI.test(query)) { return query; }
  const words = split && segmenter ? Array.from(segmenter.segment(query)).filter((part) => part.isWordLike)
    .map((part) => part.segment) : query.split(/\s+/);
  return words.map((word) => (THAI.test(word) ? encode(word.replace(/[^\u0E01-\u0E4E]/g, "")) : word)).join(" ");
}

function normalise(value) {
  return value.normalize("NFC").toLocaleLowerCase(lang).replace(/\s+/g, " ").trim();
}

function visibleText(data) {
  return data.content.split(SENTINEL)[0].replace(/\s+/g, " ").trim();
}

/* Where a word that contains `index` begins (or ends, `after`): snippets are cut between words, never
   inside one (cut inside a Thai word, a snippet can begin with a lone vowel or tone mark, drawn as a box).
   Thai has no spaces between words: the browser's word segmenter finds them. */
const wordSegmenter = "Segmenter" in Intl ? new Intl.Segmenter(lang, { granularity: "word" }) : null;
function wordEdge(value, index, after) {
  if (index <= 0 || index >= value.length) { return Math.max(0, Math.min(index, value.length)); }
  if (wordSegmenter) {
    const word = wordSegmenter.segment(value).containing(index);
    return word.index === index ? index : (after ? word.index + word.segment.length : word.index);
  }
  const space = after ? value.indexOf(" ", index) : value.lastIndexOf(" ", index);
  return space < 0 ? (after ? value.length : 0) : space + (after ? 0 : 1);
}

/* The text a snippet is taken from: the page's, after its category and title, which the result already shows
   above it (a snippet began "Activities. Third Mekong River Linkage Seminar...", under that very title and
   "Activities · 3 November 2023"). On the home page the tagline comes before the title: the text is taken
   after a title found in its first HEADING_TEXT characters. Pagefind ends each block of text with a full stop,
   or, on a Thai page, which has none, with a space (see the search plugin's BLOCK_END). */
const HEADING_TEXT = 200;
/* The text after `part` where it ends a block within the first `limit` characters (the full stop first: a
   title may also be met in running text, followed by a space), or null. */
function afterBlock(text, part, limit) {
  for (const end of [". ", " "]) {
    const at = text.indexOf(part + end);
    if (at >= 0 && at <= limit) { return text.slice(at + part.length + end.length); }
  }
  return null;
}
function snippetText(data) {
  const text = visibleText(data);
  const { category, title } = data.meta;
  const afterTitle = title ? afterBlock(text, title, HEADING_TEXT) : null;
  return afterTitle ?? (category ? afterBlock(text, category, 0) : null) ?? text;
}

/* The other language's phrases in a result, marked for screen readers' voices (WCAG 3.1.2), as the pages mark
   them (plugins/multilingual/parts.py's PHRASE): on Thai pages runs of two or more Latin words, each word taken
   whole (the look-ahead and back-reference make it atomic: "e-mail" is one word, not two), not from inside a
   word, an address or a path (the characters around it are checked here: Safari before 16.4 has no
   look-behind); on the others, Thai. */
const WORD = "[A-Za-z](?:[A-Za-z0-9'\u2019.\\-]*[A-Za-z0-9])?";
const OTHER_PHRASE = lang === "th"
  ? new RegExp(`(?=(${WORD}))\\1(?:[\\s\u00a0,.:;&/\u2013\u2014-]+(?=(${WORD}))\\2)+`, "g")
  : /[\u0E00-\u0E7F]+(?:[\s\u00a0]+[\u0E00-\u0E7F]+)*/g;
const OTHER_LANG = lang === "th" ? "en" : "th";
function inside(text, start, end) {
  return lang === "th" && (/[A-Za-z0-9&#@./:\\-]/.test(text[start - 1] || "") || /[A-Za-z0-9@/]/.test(text[end] || ""));
}
function withOtherLanguage(text) {
  const fragment = document.createDocumentFragment();
  let position = 0;
  for (const found of text.matchAll(OTHER_PHRASE)) {
    if (inside(text, found.index, found.index + found[0].length)) { continue; }
    const span = document.createElement("span");
    span.lang = OTHER_LANG;
    span.textContent = found[0];
    fragment.append(text.slice(position, found.index), span);
    position = found.index + found[0].length;
  }
  fragment.append(text.slice(position));
  return fragment;
}

/* A snippet of about 200 characters around the first exact match, with the match highlighted. */
function snippet(data, query) {
  const plain = snippetText(data);
  const found = normalise(plain).indexOf(normalise(query));
  const fragment = document.createDocumentFragment();
  if (found < 0) {
    const shown = data.meta.description || plain;
    const end = wordEdge(shown, 200, false);
    fragment.append(withOtherLanguage(shown.slice(0, end) + (end < shown.length ? "…" : "")));
    return fragment;
  }
  const start = wordEdge(plain, Math.max(0, found - 80), false);
  const end = wordEdge(plain, Math.min(plain.length, found + query.length + 120), true);
  const mark = document.createElement("mark");
  mark.append(withOtherLanguage(plain.slice(found, found + query.length)));
  fragment.append(withOtherLanguage((start > 0 ? "…" : "") + plain.slice(start, found)), mark,
    withOtherLanguage(plain.slice(found + query.length, end) + (end < plain.length ? "…" : "")));
  return fragment;
}

/* 30: the title is the query; 20: the title contains it; then how often the visible text contains
   it exactly (up to 9 times): pages about the query before pages that mention it once. */
function score(data, query) {
  const wanted = normalise(query);
  const title = normalise(data.meta.title || "");
  const occurrences = Math.min(9, normalise(visibleText(data)).split(wanted).length - 1);
  if (title === wanted) { return 30 + occurrences; }
  if (title.includes(wanted)) { return 20 + occurrences; }
  return occurrences;
}

function render(results, query, append) {
  if (!append) { list.replaceChildren(); }
  results.forEach((data) => {
    const item = document.createElement("li");
    item.className = "nm-search__result";
    const heading = document.createElement("h2");
    heading.className = "nm-search__title";
    const link = document.createElement("a");
    link.href = data.url;
    link.append(withOtherLanguage(data.meta.title || data.url));
    heading.append(link);
    item.append(heading);
    const details = [data.meta.category, data.meta.date && formatDate(data.meta.date)].filter(Boolean);
    if (details.length) {
      const meta = document.createElement("p");
      meta.className = "nm-meta";
      meta.textContent = details.join(" · ");
      item.append(meta);
    }
    const excerpt = document.createElement("p");
    excerpt.className = "nm-search__snippet";
    excerpt.append(snippet(data, query));
    item.append(excerpt);
    list.append(item);
  });
}

let pagefind;
let loading;

/* Pagefind's module, imported once. */
function loadPagefind() {
  loading ??= (async () => {
    pagefind = await import(root.dataset.bundle);
    // Each language's index is in its own site and holds full paths (/en/...): resolve them from the root.
    await pagefind.options({ baseUrl: new URL(root.dataset.root, document.baseURI).pathname });
    return pagefind;
  })();
  return loading;  // if it fails, run() starts again with resetPagefind()
}

/* Forget a Pagefind that failed to load its metadata or WebAssembly: it keeps the error and would throw
   it at every later search, so the next one starts a new Pagefind. */
async function resetPagefind() {
  const failed = pagefind;
  pagefind = undefined;
  loading = undefined;
  if (failed) { try { await failed.destroy(); } catch (error) { /* it is being dropped anyway */ } }
}

/* Whether the pages found hold every term of the search as written: Pagefind, given a term its index lacks,
   matches the longest beginning of it that the index has (ศูนย์ประสานงานหนองคาย, typed as Thai is, without
   spaces, found every page of ศูนย์ประสานงาน, the centre in Nong Khai 44th). A page's text holds its
   Thai terms spelt as the index spells them, after the sentinel. */
function holdsTerms(found, terms) {
  const wanted = terms.toLowerCase().split(" ");
  return found.some((data) => {
    const content = data.content.toLowerCase();
    return wanted.every((term) => content.includes(term));
  });
}

/* The query as one term first (it matches the index's compounds), then, when the one term found nothing
   or only a shorter term, as separate words too. Then the pages both found come first (those hold every
   word, and the beginning the index had), then the other pages of the one term (what the index had of it
   may be what the reader meant: บัตรผ่าน for บัตรผ่านแดน), then the other pages of the words. `found`: the
   data of the first results, for ranking. */
async function searchBothWays(query) {
  await loadPagefind();
  const whole = queryTerms(query, false);
  const asWords = queryTerms(query, true);
  const first = await pagefind.search(whole);
  let found = await Promise.all(first.results.slice(0, MAX_RESULTS).map((result) => result.data()));
  if (asWords === whole || (first.results.length >= ENOUGH && holdsTerms(found, whole))) {
    return { results: first.results, found };
  }
  const second = await pagefind.search(asWords);
  const byOneTerm = new Set(first.results.map((result) => result.id));
  const seen = new Set();
  const results = [...second.results.filter((result) => byOneTerm.has(result.id)), ...first.results,
    ...second.results].filter((result) => !seen.has(result.id) && seen.add(result.id));
  found = await Promise.all(results.slice(0, MAX_RESULTS).map((result) => result.data()));
  return { results, found };
}
/* A number (a hotline, a telephone number): Pagefind, whose index has no such term, matched the longest beginning
   of it that it had ("1386" found four pages with 13..., none with 1386). Only the pages that hold the number,
   its digits written together or spaced ("042 411 234"), are kept; at most MAX_NUMBER_PAGES are read. */
const NUMBER = /^[\d\s().+-]*\d[\d\s().+-]*$/;
const MAX_NUMBER_PAGES = 60;
async function pagesWithNumber(search, query) {
  const wanted = query.replace(/\D/g, "");
  const results = search.results.slice(0, MAX_NUMBER_PAGES);
  const data = await Promise.all(results.map((result) => result.data()));
  const holds = data.map((page) => page.content.replace(/(\d)[\s().-]+(?=\d)/g, "$1").includes(wanted));
  // `found`: the first few, which are shown at once and ranked; the others wait for "Show more", as any search's.
  return { results: results.filter((_, index) => holds[index]),
    found: data.filter((_, index) => holds[index]).slice(0, MAX_RESULTS) };
}
let latest = 0;
const more = root.querySelector("[data-search-more]");

/* Whether the site answers now: a request that skips every cache, made only after a search failed or found
   nothing, to tell "no connection" from "no such page". */
async function online() {
  if (!navigator.onLine) { return false; }
  try {
    await fetch(window.location.href, { method: "HEAD", cache: "no-store" });  // this page, not the index
    return true;
  } catch (error) {
    return false;
  }
}

/* No connection: say so, and search again by itself once the connection is back. */
function waitForConnection(query) {
  status.textContent = text("Offline");
  document.title = pageTitle;  // not the last search's count
  sitemap.hidden = true;  // it would not load either
  window.addEventListener("online", () => { if (input.value.trim() === query) { run(query); } }, { once: true });
}

/* The results after the first few, loaded only when the reader asks, in Pagefind's order. */
function showMore(rest, query, ticket) {
  more.hidden = rest.length === 0;
  more.onclick = async () => {
    let next;
    try {
      next = await Promise.all(rest.slice(0, MAX_RESULTS).map((result) => result.data()));
    } catch (error) {  // offline, or a request dropped: the results already shown stay, and the button
      status.textContent = (await online()) ? text("Failed") : text("Offline");
      return;
    }
    if (ticket !== latest) { return; }
    const firstNew = list.children.length;
    render(next, query, true);
    list.children[firstNew].querySelector("a").focus();
    showMore(rest.slice(MAX_RESULTS), query, ticket);
  };
}

async function run(query, restore) {
  const ticket = ++latest;
  sitemap.hidden = true;
  if (!query.trim()) {
    status.textContent = ""; list.replaceChildren(); more.hidden = true; document.title = pageTitle; return;
  }
  status.textContent = text("Searching");
  try {
    const find = async () => {
      const search = await searchBothWays(query.trim());
      return NUMBER.test(query.trim()) ? pagesWithNumber(search, query.trim()) : search;
    };
    let search;
    try {
      search = await find();
    } catch (error) {  // a request dropped once (a phone between two cells): a new Pagefind tries again
      await resetPagefind();
      search = await find();
    }
    if (!search.results.length) {
      // Pagefind 1.5 keeps a part of its index that failed to load as if it were empty, without an error:
      // one dropped request, and every later search found nothing. A new Pagefind loads it again (the
      // other parts come from the browser's cache).
      await resetPagefind();
      search = await find();
      if (!search.results.length && !(await online())) {
        if (ticket === latest) { waitForConnection(query.trim()); }
        return;
      }
    }
    const { results, found } = search;
    if (ticket !== latest) { return; }
    // Stable sort: exact matches in the title, then in the text, then Pagefind's own order.
    const ranked = found.map((data, order) => ({ data, order, score: score(data, query.trim()) }))
      .sort((a, b) => b.score - a.score || a.order - b.order).map((entry) => entry.data);
    render(ranked, query.trim(), false);
    showMore(results.slice(MAX_RESULTS), query.trim(), ticket);
    if (restore) { await restoreReading(restore, results, query.trim(), ticket); }
    const count = plurals.select(results.length) === "one" ? "CountOne" : "Count";  // "1 result"
    status.textContent = ranked.length ? text(count, { count: results.length, query: query.trim() })
      : text("None", { query: query.trim() });
    document.title = status.textContent + " | " + pageTitle;  // the tab, the history and a screen reader name what was found
    sitemap.hidden = ranked.length > 0;
    if (thaiPages && !ranked.length && THAI.test(query)) {  // in the status, so that it is read out with it
      // Imported, not cloned: the template's own document has no address for the link's to be read against.
      const link = document.importNode(thaiPages.content.firstElementChild, true);
      link.search = "?q=" + encodeURIComponent(query.trim());
      status.append(" ", link);
    }
  } catch (error) {
    resetPagefind();  // the next search starts afresh
    if (ticket !== latest) { return; }
    if (!(await online())) { waitForConnection(query.trim()); return; }
    status.textContent = text("Failed");
    document.title = pageTitle;
    sitemap.hidden = false;
  }
}

/* Back from a result, on a phone that did not keep the page in memory (no back/forward cache): the page
   loads again, and showed the first results only, at the top, however many the reader had asked for and
   read down to. What was shown and where the reader was are kept in the history entry when the page is left
   (`remember`), and shown again here. */
async function restoreReading(state, results, query, ticket) {
  if (state.shown > list.children.length) {
    const extra = await Promise.all(results.slice(list.children.length, state.shown).map((result) => result.data()));
    if (ticket !== latest) { return; }
    render(extra, query, true);
    showMore(results.slice(list.children.length), query, ticket);
  }
  window.scrollTo(0, state.scrollY || 0);
}

function remember() {
  const state = { query: input.value.trim(), shown: list.children.length, scrollY: window.scrollY };
  window.history.replaceState(state, "", window.location.href);
}

/* The language switcher leads to the other language's search page with the same query. */
function keepQueryAcrossLanguages(query) {
  document.querySelectorAll("[data-lang-switch]").forEach((link) => {
    const target = new URL(link.href);
    if (query) { target.searchParams.set("q", query); } else { target.searchParams.delete("q"); }
    link.href = target.href;
  });
}

const initial = new URLSearchParams(window.location.search).get("q") || "";
input.value = initial;
keepQueryAcrossLanguages(initial);
const saved = window.history.state;
if ("scrollRestoration" in window.history) { window.history.scrollRestoration = "manual"; }  // restoreReading
window.addEventListener("pagehide", remember);
const pageTitle = document.title;
const restoring = saved && saved.query === initial.trim() && initial.trim() ? saved : null;
run(initial, restoring).then(() => {
  /* Arrived with a query (the search box in every page's header): the focus was at the top of a new page,
     and a screen reader did not say what was found. It goes to the line that says so, from which the next
     Tab reaches the first result; unless the reader is already in the field, typing. */
  if (initial.trim() && !restoring && document.activeElement === document.body && status.textContent) {
    status.tabIndex = -1;
    status.focus();
  }
});
/* Opened without a query, the page loads Pagefind (its worker, index metadata and WebAssembly) while the
   reader types, not after: on a slow connection that is several round trips saved on the first search. */
if (!initial.trim()) { loadPagefind().then((module) => module.init()).catch(() => {}); }
let timer;
function searchNow() {
  clearTimeout(timer);
  const url = new URL(window.location.href);
  url.searchParams.set("q", input.value);
  window.history.replaceState(null, "", url);
  keepQueryAcrossLanguages(input.value);
  run(input.value);
}
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(searchNow, 250);
});
/* Enter (or the button) searches in place: reloading the page would send the focus back to its top, far
   from the field and the results; the results' count is announced by the status line. Without this script
   the form still submits, and the page reads ?q= on arrival. */
input.form.addEventListener("submit", (event) => {
  event.preventDefault();
  searchNow();
});
