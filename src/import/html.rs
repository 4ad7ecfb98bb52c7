//! HTML pages to blocks, with scraper (html5ever). Only the article's own text is kept:
//! page chrome (scripts, menus, headers, footers, share bars, comments, ads, …) is skipped,
//! and the `<article>` or `<main>` element is preferred when there is one. Nothing is fetched.
//!
//! Blocks come from `h1`–`h6`, `p`, `li` and `blockquote`; loose text in `div`s and other
//! containers is used only when the page has no `p` at all. The first `h1` is the `Title`
//! (taken from outside the article element when the article has none). Whitespace runs
//! inside a block become one space.

use scraper::{ElementRef, Html, Node};

use super::{collapse_whitespace, Meta, TextBuilder};
use crate::model::{BlockKind, Direction};

/// Parse the HTML page `src` into blocks and the metadata of its `<head>`.
pub(super) fn parse(src: &str) -> (TextBuilder, Meta) {
    let doc = Html::parse_document(src);
    let elements: Vec<ElementRef> = doc
        .tree
        .root()
        .descendants()
        .filter_map(ElementRef::wrap)
        .collect();
    let mut meta = head_meta(&elements);

    let root = content_root(&elements);
    let has_p = root.is_some_and(|r| {
        r.descendent_elements()
            .any(|e| e.value().name() == "p" && !inside_chrome(e))
    });
    let mut walker = Walker {
        out: TextBuilder::default(),
        has_p,
    };
    if let Some(root) = root {
        let root_has_h1 = root
            .descendent_elements()
            .any(|e| e.value().name() == "h1" && !inside_chrome(e));
        if !root_has_h1 {
            if let Some(h1) = elements
                .iter()
                .find(|e| e.value().name() == "h1" && !inside_chrome(**e))
            {
                walker.out.push(BlockKind::Title, &inline_text(*h1, false));
            }
        }
        let in_content = matches!(root.value().name(), "article" | "main");
        walker.walk(root, in_content, false);

        for el in std::iter::once(root).chain(root.ancestors().filter_map(ElementRef::wrap)) {
            if meta.language.is_none() {
                meta.language = el
                    .attr("lang")
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned);
            }
            if meta.direction.is_none() {
                meta.direction = match el
                    .attr("dir")
                    .map(|d| d.trim().to_ascii_lowercase())
                    .as_deref()
                {
                    Some("rtl") => Some(Direction::Rtl),
                    Some("ltr") => Some(Direction::Ltr),
                    _ => None,
                };
            }
        }
    }
    let out = walker.out;
    let title_block = out
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Title)
        .and_then(|b| out.text.get(b.start..b.end))
        .map(str::to_owned);
    meta.title = title_block.or(meta.title);
    (out, meta)
}

struct Walker {
    out: TextBuilder,
    has_p: bool,
}

impl Walker {
    /// Add the blocks under `el`. `in_content`: inside `<article>`/`<main>`, where a
    /// `<header>` holds the headline rather than the site's banner.
    fn walk(&mut self, el: ElementRef, in_content: bool, in_quote: bool) {
        let name = el.value().name();
        if is_chrome(el) || (name == "header" && !in_content) {
            return;
        }
        let in_content = in_content || matches!(name, "article" | "main");
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name[1..].parse::<u8>().unwrap_or(2);
                let kind = if level == 1
                    && !self.out.blocks.iter().any(|b| b.kind == BlockKind::Title)
                    && self.out.blocks.is_empty()
                {
                    BlockKind::Title
                } else {
                    BlockKind::Heading(level)
                };
                self.out.push(kind, &inline_text(el, false));
            }
            "p" | "pre" | "figcaption" | "dt" | "dd" if !in_quote => {
                if name != "figcaption" || !self.has_p {
                    self.out.push(BlockKind::Paragraph, &inline_text(el, false));
                }
            }
            "p" | "pre" => self
                .out
                .push(BlockKind::BlockQuote, &inline_text(el, false)),
            "li" => {
                self.out.push(BlockKind::ListItem, &inline_text(el, true));
                for child in el.child_elements() {
                    self.walk_lists(child, in_content);
                }
            }
            "blockquote" => {
                let has_blocks = el
                    .child_elements()
                    .any(|c| matches!(c.value().name(), "p" | "div" | "ul" | "ol"));
                if has_blocks {
                    self.walk_children(el, in_content, true);
                } else {
                    self.out
                        .push(BlockKind::BlockQuote, &inline_text(el, false));
                }
            }
            _ => self.walk_children(el, in_content, in_quote),
        }
    }

    /// Nested lists of a list item.
    fn walk_lists(&mut self, el: ElementRef, in_content: bool) {
        match el.value().name() {
            "ul" | "ol" => self.walk(el, in_content, false),
            _ if is_chrome(el) => {}
            _ => {
                for child in el.child_elements() {
                    self.walk_lists(child, in_content);
                }
            }
        }
    }

    /// The children of a container; without any `p` on the page, its loose text runs become
    /// paragraphs (`br` and block children end a run).
    fn walk_children(&mut self, el: ElementRef, in_content: bool, in_quote: bool) {
        let loose_kind = if in_quote {
            BlockKind::BlockQuote
        } else {
            BlockKind::Paragraph
        };
        let mut run = String::new();
        for child in el.children() {
            match child.value() {
                Node::Text(t) if !self.has_p || in_quote => run.push_str(t),
                Node::Element(e) => {
                    let Some(child_el) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if is_inline(e.name()) && (!self.has_p || in_quote) {
                        if !is_chrome(child_el) {
                            run.push_str(&inline_text(child_el, false));
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

/// The text of `el` with whitespace collapsed, skipping chrome and (for `skip_lists`)
/// nested lists.
fn inline_text(el: ElementRef, skip_lists: bool) -> String {
    fn collect(node: ElementRef, skip_lists: bool, out: &mut String) {
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
                    if is_chrome(child) {
                        continue;
                    }
                    // Block children are separated by a space so words do not run together.
                    let block = !is_inline(name);
                    if block {
                        out.push(' ');
                    }
                    collect(child, skip_lists, out);
                    if block {
                        out.push(' ');
                    }
                }
                _ => {}
            }
        }
    }
    let mut s = String::new();
    collect(el, skip_lists, &mut s);
    collapse_whitespace(&s)
}

/// Page chrome: by element, ARIA role, `hidden`, or a class/id word such as "nav", "menu",
/// "footer", "share", "related", "comment", "cookie", "advert".
fn is_chrome(el: ElementRef) -> bool {
    let e = el.value();
    if matches!(
        e.name(),
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
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(role) = e.attr("role") {
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
    let names = [e.attr("class").unwrap_or(""), e.attr("id").unwrap_or("")];
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

/// Title, publisher, author, date and URL from `<meta>`, `<link rel=canonical>`, `<title>`
/// and the first `<time datetime>`.
fn head_meta(elements: &[ElementRef]) -> Meta {
    let mut meta = Meta::default();
    let mut og_title = None;
    let mut title = None;
    let mut first_time = None;
    let set = |slot: &mut Option<String>, value: &str| {
        let value = collapse_whitespace(value);
        if slot.is_none() && !value.is_empty() {
            *slot = Some(value);
        }
    };
    for el in elements {
        let e = el.value();
        match e.name() {
            "meta" => {
                let key = e
                    .attr("property")
                    .or_else(|| e.attr("name"))
                    .or_else(|| e.attr("itemprop"))
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                let Some(content) = e.attr("content") else {
                    continue;
                };
                let is_url = content.trim_start().starts_with("http");
                match key.as_str() {
                    "og:title" | "twitter:title" => set(&mut og_title, content),
                    "og:site_name" | "application-name" | "publisher" | "dc.publisher" => {
                        set(&mut meta.source, content)
                    }
                    "article:publisher" if !is_url => set(&mut meta.source, content),
                    "author" | "article:author" | "dc.creator" | "byl" | "parsely-author"
                    | "sailthru.author"
                        if !is_url =>
                    {
                        set(&mut meta.author, content.trim_start_matches("By ").trim())
                    }
                    "article:published_time"
                    | "date"
                    | "pubdate"
                    | "publishdate"
                    | "publish-date"
                    | "dc.date"
                    | "dc.date.issued"
                    | "datepublished"
                    | "og:published_time"
                    | "sailthru.date"
                    | "parsely-pub-date" => set(&mut meta.date, content),
                    "og:url" => set(&mut meta.url, content),
                    _ => {}
                }
            }
            "link" => {
                let canonical = e.attr("rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|w| w.eq_ignore_ascii_case("canonical"))
                });
                if canonical {
                    if let Some(href) = e.attr("href") {
                        // Canonical wins over og:url.
                        let href = href.trim();
                        if !href.is_empty() {
                            meta.url = Some(href.to_owned());
                        }
                    }
                }
            }
            "title" if title.is_none() => {
                set(&mut title, &el.text().collect::<String>());
            }
            "time" if first_time.is_none() && !inside_chrome(*el) => {
                if let Some(dt) = e.attr("datetime") {
                    set(&mut first_time, dt);
                }
            }
            _ => {}
        }
    }
    meta.date = meta.date.or(first_time);
    meta.title = og_title.or(title);
    meta
}
