//! HTML pages to blocks. The article is found by `dom_smoothie` (a port of Mozilla's
//! Readability, the reader view of Firefox); its result, and the rarer pages it does not suit,
//! are turned into blocks by our own walk over scraper (html5ever) trees. Nothing is fetched and
//! no script runs: both only parse.
//!
//! - A page of parts (several sibling `<article>`s, none of which dominates: a declaration with
//!   one per article, a live blog, a page of statements) imports whole, in order, with a
//!   preamble in a `<header>` beside the parts.
//! - Otherwise the article Readability finds is imported.
//! - When it finds none, the page's visible text is imported and the caller is told
//!   ([`Found::PageText`]), so a page that shows text is never refused.
//!
//! Blocks come from `h1`–`h6`, `p`, `li`, `blockquote` and table rows; loose text in `div`s
//! is kept in the article found, elsewhere only when there is no `p`. Page chrome (scripts, menus, share
//! bars, comments, ads, …) is skipped. Whitespace runs inside a block become one space.
//! Metadata: title, byline, site name and date from JSON-LD, OpenGraph and `<meta>` (by
//! dom_smoothie), URL from `<link rel=canonical>` or `og:url`, date else from the first
//! `<time datetime>`, language and direction from the article or the page.

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};
use scraper::{ElementRef, Html, Node};

use super::{collapse_whitespace, Meta, TextBuilder};
use crate::model::{BlockKind, Direction};

/// Pages with more elements than this are not scored for an article (the scoring is slow on
/// them); their visible text is imported instead.
const MAX_ELEMENTS: usize = 300_000;

/// How the page's text was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Found {
    /// The article, as Readability found it.
    Article,
    /// Sibling parts (`<article>`s) of one document, all of them, with their preamble.
    Parts,
    /// No article was found: the page's visible text.
    PageText,
}

/// Parse the HTML page `src` into blocks and metadata, saying how the text was found.
pub(super) fn parse(src: &str) -> (TextBuilder, Meta, Found) {
    let config = Config {
        keep_classes: true,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    // `new` fails only for a document URL that is not absolute, and none is given.
    let Ok(mut readability) = Readability::new(src, None, Some(config)) else {
        return page_text(src, Meta::default(), None);
    };
    let mut meta = page_meta(&readability);
    let parts = sibling_parts(&readability.doc);
    // Readability turns the headline's h1 into an h2; it is found again by its text.
    let headline = readability
        .doc
        .select_single("h1")
        .nodes()
        .first()
        .map(|h| collapse_whitespace(&h.text()));
    let readable = readability.is_probably_readable();
    let article = readability.parse().ok();
    let article_len = article.as_ref().map_or(0, |a| {
        a.text_content
            .chars()
            .filter(|c| !c.is_whitespace())
            .count()
    });
    if let Some(parts) = parts {
        // The parts win unless Readability found clearly more text (the parts then being
        // teasers or the like beside a longer article).
        if parts.text_chars * 10 >= article_len * 8 {
            let built = walk_fragment(&parts.html, false);
            if !built.blocks.is_empty() {
                return (with_title(built, &mut meta), meta, Found::Parts);
            }
        }
    }
    // A page Readability itself does not take for an article, where it found only a scrap
    // (a footer, a caption, a line of links): the page's text is more honest. A scrap of
    // running prose (a breaking-news item on a page of links) still beats the last resort of
    // taking every visible text.
    let (article, scrap) = if readable || article_len >= 500 {
        (article, None)
    } else {
        (None, article.filter(|a| is_prose(&a.text_content)))
    };
    if let Some(article) = article {
        let built = article_blocks(&article, headline.as_deref(), &mut meta);
        if !built.blocks.is_empty() {
            return (with_title(built, &mut meta), meta, Found::Article);
        }
    }
    let scrap = scrap.map(|a| article_blocks(&a, headline.as_deref(), &mut meta));
    page_text(src, meta, scrap)
}

/// The blocks of the article Readability found, its first heading the title when it is the
/// page's headline; its direction into `meta`.
fn article_blocks(
    article: &dom_smoothie::Article,
    headline: Option<&str>,
    meta: &mut Meta,
) -> TextBuilder {
    if let Some(dir) = article.dir.as_deref().and_then(direction_of) {
        meta.direction = Some(dir);
    }
    let mut built = walk_article(&article.content);
    if let (Some(first), Some(headline)) = (built.blocks.first_mut(), headline) {
        let is_headline = built.text.get(first.start..first.end) == Some(headline);
        if is_headline && matches!(first.kind, BlockKind::Heading(_)) {
            first.kind = BlockKind::Title;
        }
    }
    built
}

/// Whether `text` is running prose rather than a line (a caption, a footer, a list of links):
/// at least 30 words and at least two sentences, a sentence ending in `.`, `!`, `?`, `؟`, `۔`
/// or `。` right after a letter.
fn is_prose(text: &str) -> bool {
    if text.split_whitespace().nth(29).is_none() {
        return false;
    }
    let mut ends = 0;
    let mut after_letter = false;
    for c in text.chars() {
        if matches!(c, '.' | '!' | '?' | '؟' | '۔' | '。') && after_letter {
            ends += 1;
            if ends >= 2 {
                return true;
            }
        }
        after_letter = c.is_alphabetic();
    }
    false
}

/// The page's visible text, for a page where no article was found: first the content root
/// (`<article>`, `<main>`, `<body>`) without chrome, then, when that holds nothing, the
/// `scrap` of prose Readability found (as the article), then every text that shows.
fn page_text(src: &str, mut meta: Meta, scrap: Option<TextBuilder>) -> (TextBuilder, Meta, Found) {
    let doc = Html::parse_document(src);
    let elements: Vec<ElementRef> = doc
        .tree
        .root()
        .descendants()
        .filter_map(ElementRef::wrap)
        .collect();
    let mut built = TextBuilder::default();
    if let Some(root) = content_root(&elements) {
        let in_content = root.value().name() != "body";
        built = walk(root, Chrome::Skip, in_content);
    }
    if built.blocks.is_empty() {
        if let Some(scrap) = scrap.filter(|s| !s.blocks.is_empty()) {
            return (with_title(scrap, &mut meta), meta, Found::Article);
        }
        if let Some(page) = elements
            .iter()
            .find(|e| e.value().name() == "body")
            .or_else(|| elements.iter().find(|e| e.value().name() == "html"))
        {
            built = walk(*page, Chrome::Keep, true);
        }
    }
    if meta.title.is_none() {
        meta.title = elements
            .iter()
            .find(|e| e.value().name() == "title")
            .map(|t| collapse_whitespace(&t.text().collect::<String>()))
            .filter(|t| !t.is_empty());
    }
    (with_title(built, &mut meta), meta, Found::PageText)
}

/// The title a Title block gives wins over the page's metadata (the headline as printed).
fn with_title(built: TextBuilder, meta: &mut Meta) -> TextBuilder {
    if let Some(title) = built
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Title)
        .and_then(|b| built.text.get(b.start..b.end))
    {
        meta.title = Some(title.to_owned());
    }
    built
}

/// The blocks of an HTML fragment: the article found (`in_content`), or the parent of the
/// parts (whose `<header>`s count only when they hold text, as a preamble does).
fn walk_fragment(html: &str, in_content: bool) -> TextBuilder {
    let fragment = Html::parse_fragment(html);
    walk(fragment.root_element(), Chrome::Skip, in_content)
}

/// The blocks of the article Readability found: all its text is content, loose text in
/// `div`s included.
fn walk_article(html: &str) -> TextBuilder {
    let fragment = Html::parse_fragment(html);
    let root = fragment.root_element();
    let mut walker = Walker {
        out: TextBuilder::default(),
        has_p: root.descendent_elements().any(|e| e.value().name() == "p"),
        loose_text: true,
        chrome: Chrome::SkipMinor(visible_chars(root)),
    };
    walker.walk(root, true, false);
    walker.out
}

/// What a walk leaves out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Chrome {
    /// Page chrome, by element, role and class/id words ([`is_chrome`]).
    Skip,
    /// Inside the article found, which holds this many visible characters: chrome as for
    /// `Skip`, except that an element holding half of the article or more is never chrome by
    /// its class or id (`content-with-sidebar` around the story is the story's own).
    SkipMinor(usize),
    /// Only what never shows ([`is_hidden`]): the last resort.
    Keep,
}

impl Chrome {
    /// Whether a walk with these rules leaves `el` (not its ancestors) out.
    fn skips(self, el: ElementRef) -> bool {
        match self {
            Chrome::Skip => is_chrome(el),
            Chrome::SkipMinor(article) => {
                let e = el.value();
                let by_tag = is_chrome_element(e.name(), &|a: &str| match a {
                    "class" | "id" => None,
                    _ => e.attr(a).map(str::to_owned),
                });
                by_tag || (is_chrome(el) && visible_chars(el) * 2 < article)
            }
            Chrome::Keep => is_hidden(el),
        }
    }
}

/// The blocks under `root`; `in_content` as for [`Walker::walk`].
fn walk(root: ElementRef, chrome: Chrome, in_content: bool) -> TextBuilder {
    let skipped = |e: ElementRef| {
        std::iter::once(e)
            .chain(e.ancestors().filter_map(ElementRef::wrap))
            .any(|a| chrome.skips(a))
    };
    let has_p = chrome == Chrome::Skip
        && root
            .descendent_elements()
            .any(|e| e.value().name() == "p" && !skipped(e));
    let mut walker = Walker {
        out: TextBuilder::default(),
        has_p,
        loose_text: !has_p,
        chrome,
    };
    walker.walk(root, in_content || chrome == Chrome::Keep, false);
    walker.out
}

/// Metadata from the page before Readability changes it: dom_smoothie's (JSON-LD, OpenGraph,
/// `<meta>`, `<title>`), with the URL, a fallback date, the language and direction added.
fn page_meta(readability: &Readability) -> Meta {
    let found = readability.get_article_metadata(readability.parse_json_ld());
    let clean = |s: Option<String>| s.map(|s| collapse_whitespace(&s)).filter(|s| !s.is_empty());
    let doc = &readability.doc;
    let attr_of = |selector: &str, name: &str| {
        doc.select_single(selector)
            .nodes()
            .first()
            .and_then(|n| n.attr(name))
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let url = attr_of("link[rel~=canonical][href]", "href")
        .or_else(|| attr_of("meta[property=\"og:url\"][content]", "content"))
        .or(found.url);
    let date = clean(found.published_time).or_else(|| attr_of("time[datetime]", "datetime"));
    let html_dir = attr_of("html", "dir").and_then(|d| direction_of(&d));
    let author = clean(found.byline).map(|a| {
        a.strip_prefix("By ")
            .or_else(|| a.strip_prefix("by "))
            .unwrap_or(&a)
            .trim()
            .to_owned()
    });
    let source = clean(found.site_name);
    let title = clean(Some(found.title)).map(|t| without_site_name(&t, source.as_deref()));
    Meta {
        title,
        source,
        url,
        date,
        author: author.filter(|a| !a.is_empty() && !a.starts_with("http")),
        language: clean(found.lang).or_else(|| attr_of("html", "lang")),
        direction: html_dir,
    }
}

/// A page title without the site's name before or after a separator ("Talks resume | Al
/// Jazeera" → "Talks resume"), when the other side has words of its own.
fn without_site_name(title: &str, site: Option<&str>) -> String {
    const SEPARATORS: [&str; 6] = [" | ", " - ", " – ", " — ", " :: ", " · "];
    let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) else {
        return title.to_owned();
    };
    let same = |a: &str| a.trim().to_lowercase() == site.to_lowercase();
    for sep in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if same(tail) && head.trim().contains(' ') {
                return head.trim().to_owned();
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            if same(head) && tail.trim().contains(' ') {
                return tail.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

/// `rtl` or `ltr` (any case, trimmed).
fn direction_of(dir: &str) -> Option<Direction> {
    match dir.trim().to_ascii_lowercase().as_str() {
        "rtl" => Some(Direction::Rtl),
        "ltr" => Some(Direction::Ltr),
        _ => None,
    }
}

/// The parts of a document made of sibling `<article>`s, as the HTML of their parent.
struct Parts {
    html: String,
    /// Characters of text in the parts, whitespace not counted (nor the preamble).
    text_chars: usize,
}

/// The parent of two or more sibling `<article>`s (outside chrome, not nested in another
/// article) that together hold at least 500 characters, mostly not link text, none of them
/// more than 70% of it: the parts of one document. Teaser cards (mostly links) and a main
/// article with a few short siblings do not count.
fn sibling_parts(doc: &Document) -> Option<Parts> {
    let selection = doc.select("article");
    let articles = selection.nodes();
    if articles.len() < 2 {
        return None;
    }
    let mut groups: Vec<(NodeRef, Vec<NodeRef>)> = Vec::new();
    for article in articles {
        let ancestors: Vec<NodeRef> = article.ancestors_it(None).collect();
        if ancestors
            .iter()
            .any(|a| a.node_name().as_deref() == Some("article"))
            || std::iter::once(article)
                .chain(ancestors.iter())
                .any(is_chrome_node)
        {
            continue;
        }
        let Some(parent) = article.parent() else {
            continue;
        };
        match groups.iter_mut().find(|(p, _)| p.id == parent.id) {
            Some((_, members)) => members.push(*article),
            None => groups.push((parent, vec![*article])),
        }
    }
    groups
        .into_iter()
        .filter(|(_, members)| members.len() >= 2)
        .filter_map(|(parent, members)| {
            let sizes: Vec<(usize, usize)> = members.iter().map(text_and_link_chars).collect();
            let text: usize = sizes.iter().map(|s| s.0).sum();
            let links: usize = sizes.iter().map(|s| s.1).sum();
            let longest = sizes.iter().map(|s| s.0).max().unwrap_or(0);
            let is_document = text >= 500 && links * 10 <= text * 3 && longest * 10 <= text * 7;
            is_document.then(|| Parts {
                html: parent.html().to_string(),
                text_chars: text,
            })
        })
        .max_by_key(|p| p.text_chars)
}

/// Characters of visible text under `node`, and how many of them are inside links.
fn text_and_link_chars(node: &NodeRef) -> (usize, usize) {
    fn visit(node: &NodeRef, in_link: bool, sums: &mut (usize, usize)) {
        for child in node.children_it(false) {
            if child.is_text() {
                let n = child.text().chars().filter(|c| !c.is_whitespace()).count();
                sums.0 += n;
                if in_link {
                    sums.1 += n;
                }
            } else if child.is_element() {
                let name = child.node_name();
                let name = name.as_deref().unwrap_or("");
                if matches!(name, "script" | "style" | "template" | "noscript") {
                    continue;
                }
                visit(&child, in_link || name == "a", sums);
            }
        }
    }
    let mut sums = (0, 0);
    visit(node, false, &mut sums);
    sums
}

/// [`is_chrome_element`] for a dom_query node.
fn is_chrome_node(node: &NodeRef) -> bool {
    if !node.is_element() {
        return false;
    }
    let name = node.node_name();
    is_chrome_element(name.as_deref().unwrap_or(""), &|a: &str| {
        node.attr(a).map(|v| v.to_string())
    })
}

struct Walker {
    out: TextBuilder,
    /// Whether there is a `p` (figure captions are then left out).
    has_p: bool,
    /// Whether text loose in containers (outside `p`, headings, list items) is kept.
    loose_text: bool,
    chrome: Chrome,
}

impl Walker {
    fn skips(&self, el: ElementRef) -> bool {
        self.chrome.skips(el)
    }

    /// Add the blocks under `el`. `in_content`: inside content (an `<article>`, `<main>`, the
    /// article found), where a `<header>` holds the headline or a preamble rather than the
    /// site's banner; outside, a `<header>` counts only when it holds paragraphs of text.
    fn walk(&mut self, el: ElementRef, in_content: bool, in_quote: bool) {
        let name = el.value().name();
        if self.skips(el) || (name == "header" && !in_content && !header_is_content(el)) {
            return;
        }
        let in_content = in_content || matches!(name, "article" | "main");
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name[1..].parse::<u8>().unwrap_or(2);
                let kind = if level == 1 && self.out.blocks.is_empty() {
                    BlockKind::Title
                } else {
                    BlockKind::Heading(level)
                };
                self.out.push(kind, &self.inline_text(el, false));
            }
            "p" | "pre" | "figcaption" | "dt" | "dd" if !in_quote => {
                if (name != "figcaption" || !self.has_p) && !self.is_link_list(el) {
                    self.out
                        .push(BlockKind::Paragraph, &self.inline_text(el, false));
                }
            }
            "p" | "pre" => self
                .out
                .push(BlockKind::BlockQuote, &self.inline_text(el, false)),
            "li" => {
                if !self.is_link_list(el) {
                    self.out
                        .push(BlockKind::ListItem, &self.inline_text(el, true));
                }
                for child in el.child_elements() {
                    self.walk_lists(child, in_content);
                }
            }
            "tr" => {
                let cells: Vec<String> = el
                    .child_elements()
                    .filter(|c| matches!(c.value().name(), "td" | "th") && !self.skips(*c))
                    .map(|c| self.inline_text(c, false))
                    .filter(|t| !t.is_empty())
                    .collect();
                self.out.push(BlockKind::Paragraph, &cells.join(" "));
            }
            "blockquote" => {
                let has_blocks = el
                    .child_elements()
                    .any(|c| matches!(c.value().name(), "p" | "div" | "ul" | "ol"));
                if has_blocks {
                    self.walk_children(el, in_content, true);
                } else {
                    self.out
                        .push(BlockKind::BlockQuote, &self.inline_text(el, false));
                }
            }
            _ => self.walk_children(el, in_content, in_quote),
        }
    }

    /// Nested lists of a list item.
    fn walk_lists(&mut self, el: ElementRef, in_content: bool) {
        match el.value().name() {
            "ul" | "ol" => self.walk(el, in_content, false),
            _ if self.skips(el) => {}
            _ => {
                for child in el.child_elements() {
                    self.walk_lists(child, in_content);
                }
            }
        }
    }

    /// The children of a container; with `loose_text`, its loose text runs become paragraphs
    /// (`br` and block children end a run).
    fn walk_children(&mut self, el: ElementRef, in_content: bool, in_quote: bool) {
        let loose_kind = if in_quote {
            BlockKind::BlockQuote
        } else {
            BlockKind::Paragraph
        };
        let mut run = String::new();
        for child in el.children() {
            match child.value() {
                Node::Text(t) if self.loose_text || in_quote => run.push_str(t),
                Node::Element(e) => {
                    let Some(child_el) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if is_inline(e.name()) && (self.loose_text || in_quote) {
                        if !self.skips(child_el) {
                            run.push_str(&self.inline_text(child_el, false));
                        }
                    } else if e.name() == "br" {
                        self.out.push(loose_kind, &collapse_whitespace(&run));
                        run.clear();
                    } else {
                        self.out.push(loose_kind, &collapse_whitespace(&run));
                        run.clear();
                        self.walk(child_el, in_content, in_quote);
                    }
                }
                _ => {}
            }
        }
        self.out.push(loose_kind, &collapse_whitespace(&run));
    }

    /// A paragraph or list item that is all links (related stories, "read more", tag lists):
    /// left out unless the walk keeps everything.
    fn is_link_list(&self, el: ElementRef) -> bool {
        if self.chrome == Chrome::Keep {
            return false;
        }
        let (all, links) = (visible_chars(el), link_chars(el));
        all > 0 && links * 10 >= all * 9
    }

    fn inline_text(&self, el: ElementRef, skip_lists: bool) -> String {
        inline_text(el, skip_lists, self.chrome)
    }
}

/// Characters of text under `el`, whitespace not counted.
fn visible_chars(el: ElementRef) -> usize {
    el.text()
        .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
        .sum()
}

/// Characters of link text (`<a>`) under `el`, whitespace not counted.
fn link_chars(el: ElementRef) -> usize {
    el.descendent_elements()
        .filter(|e| e.value().name() == "a")
        .map(visible_chars)
        .sum()
}

/// A `<header>` outside the content that is part of it all the same: it holds a paragraph and
/// is mostly not links (a document's preamble, not a site's banner).
fn header_is_content(el: ElementRef) -> bool {
    let has_p = el
        .descendent_elements()
        .any(|e| e.value().name() == "p" && !inside_chrome(e));
    if !has_p {
        return false;
    }
    link_chars(el) * 2 < visible_chars(el)
}

/// Elements that flow inside a line of text.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "span"
            | "b"
            | "strong"
            | "em"
            | "i"
            | "u"
            | "small"
            | "sub"
            | "sup"
            | "abbr"
            | "cite"
            | "q"
            | "time"
            | "mark"
            | "font"
            | "bdi"
            | "bdo"
            | "s"
            | "del"
            | "ins"
            | "code"
            | "kbd"
            | "var"
            | "dfn"
            | "data"
            | "wbr"
            | "label"
    )
}

/// The text of `el` with whitespace collapsed, skipping chrome (or, with [`Chrome::Keep`],
/// only what is hidden) and, for `skip_lists`, nested lists.
fn inline_text(el: ElementRef, skip_lists: bool, chrome: Chrome) -> String {
    fn collect(node: ElementRef, skip_lists: bool, chrome: Chrome, out: &mut String) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => {
                    let name = e.name();
                    if name == "br" {
                        out.push(' ');
                        continue;
                    }
                    if skip_lists && matches!(name, "ul" | "ol") {
                        continue;
                    }
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if chrome.skips(child) {
                        continue;
                    }
                    // Block children are separated by a space so words do not run together.
                    let block = !is_inline(name);
                    if block {
                        out.push(' ');
                    }
                    collect(child, skip_lists, chrome, out);
                    if block {
                        out.push(' ');
                    }
                }
                _ => {}
            }
        }
    }
    let mut s = String::new();
    collect(el, skip_lists, chrome, &mut s);
    collapse_whitespace(&s)
}

/// Elements that never show text: scripts, styles, the head, templates, embedded objects, and
/// anything `hidden`.
fn is_hidden(el: ElementRef) -> bool {
    let e = el.value();
    matches!(
        e.name(),
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "audio"
            | "video"
            | "select"
            | "textarea"
    ) || e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
}

/// [`is_chrome_element`] for a scraper element.
fn is_chrome(el: ElementRef) -> bool {
    let e = el.value();
    is_chrome_element(e.name(), &|a: &str| e.attr(a).map(str::to_owned))
}

/// Page chrome: by element, ARIA role, `hidden`, or a class/id word such as "nav", "menu",
/// "footer", "share", "related", "comment", "cookie", "advert" (not on `html`, `body`,
/// `main`). `attr` reads an attribute.
fn is_chrome_element(name: &str, attr: &dyn Fn(&str) -> Option<String>) -> bool {
    if matches!(
        name,
        "script"
            | "style"
            | "nav"
            | "footer"
            | "aside"
            | "form"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "button"
            | "select"
            | "textarea"
            | "object"
            | "embed"
            | "canvas"
            | "audio"
            | "video"
            | "head"
            | "title"
            | "math"
            | "dialog"
            | "menu"
    ) {
        return true;
    }
    if attr("hidden").is_some() || attr("aria-hidden").as_deref() == Some("true") {
        return true;
    }
    if let Some(role) = attr("role") {
        let role = role.trim().to_ascii_lowercase();
        if matches!(
            role.as_str(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "search"
                | "menu"
                | "menubar"
                | "dialog"
                | "alert"
        ) {
            return true;
        }
    }
    // The page's own frame is never chrome by its class ("nav-open" on a body is a state).
    if matches!(name, "html" | "body" | "main") {
        return false;
    }
    let names = [
        attr("class").unwrap_or_default(),
        attr("id").unwrap_or_default(),
    ];
    names
        .iter()
        .flat_map(|n| n.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .map(str::to_ascii_lowercase)
        .any(|w| {
            const PREFIXES: [&str; 9] = [
                "nav",
                "menu",
                "advert",
                "cookie",
                "breadcrumb",
                "sidebar",
                "newsletter",
                "social",
                "share",
            ];
            const WORDS: [&str; 17] = [
                "footer",
                "related",
                "comment",
                "comments",
                "promo",
                "popup",
                "modal",
                "ad",
                "ads",
                "banner",
                "subscribe",
                "sharing",
                "tags",
                "author-box",
                "outbrain",
                "taboola",
                "recommended",
            ];
            PREFIXES.iter().any(|p| w.starts_with(p)) || WORDS.contains(&w.as_str())
        })
}

/// Whether `el` or one of its ancestors is chrome.
fn inside_chrome(el: ElementRef) -> bool {
    is_chrome(el) || el.ancestors().filter_map(ElementRef::wrap).any(is_chrome)
}

/// The element holding the article: the `<article>` with the most paragraph text, else
/// `<main>` (or `role=main`), else `<body>`, else `<html>`.
fn content_root<'a>(elements: &[ElementRef<'a>]) -> Option<ElementRef<'a>> {
    let text_len = |e: &ElementRef| -> usize {
        e.descendent_elements()
            .filter(|p| p.value().name() == "p")
            .map(|p| p.text().map(str::len).sum::<usize>())
            .sum::<usize>()
            + 1
    };
    let usable = |e: &&ElementRef<'a>| !inside_chrome(**e);
    elements
        .iter()
        .filter(|e| e.value().name() == "article")
        .filter(usable)
        .max_by_key(|e| text_len(e))
        .or_else(|| {
            elements
                .iter()
                .filter(usable)
                .find(|e| e.value().name() == "main" || e.value().attr("role") == Some("main"))
        })
        .or_else(|| elements.iter().find(|e| e.value().name() == "body"))
        .or_else(|| elements.iter().find(|e| e.value().name() == "html"))
        .copied()
}
