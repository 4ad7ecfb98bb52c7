//! Suggestions while building a briefing: agenda items from an article's headings and list
//! items, and who said a quote. Both are only suggestions: the staffer confirms or edits them,
//! so they prefer saying nothing to saying something wrong.

use std::collections::HashSet;

use crate::model::{Article, BlockKind};

/// Agenda items suggested by an article: its headings and list items (never the title), in
/// order, without numbering or trailing punctuation, each once. List items longer than 20
/// words are running sentences, not topics, and are left out.
pub fn agenda_suggestions(article: &Article) -> Vec<String> {
    let title_key = key(&article.title);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for block in &article.blocks {
        let text = article.block_text(block);
        let item = match block.kind {
            BlockKind::Heading(_) => clean_item(text),
            BlockKind::ListItem if text.split_whitespace().count() <= 20 => clean_item(text),
            _ => continue,
        };
        let k = key(&item);
        if item.is_empty() || k == title_key || !seen.insert(k) {
            continue;
        }
        out.push(item);
    }
    out
}

/// `text` without a leading list number ("1.", "١)", "(2)") and trailing punctuation.
fn clean_item(text: &str) -> String {
    let t = text.trim();
    let unnumbered = {
        let rest = t.strip_prefix('(').unwrap_or(t);
        let digits = rest
            .char_indices()
            .take_while(|(_, c)| c.is_ascii_digit() || matches!(c, '٠'..='٩' | '۰'..='۹'))
            .last()
            .map(|(i, c)| i + c.len_utf8());
        match digits {
            Some(n) => match rest[n..].strip_prefix(['.', ')', '-', '٫', '۔']) {
                Some(after) if after.starts_with(char::is_whitespace) => after.trim_start(),
                _ => t,
            },
            None => t,
        }
    };
    unnumbered
        .trim_end_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    ':' | '：' | '.' | '،' | ',' | ';' | '؛' | '-' | '–' | '—' | '!' | '…'
                )
        })
        .to_owned()
}

/// Comparison key: lower case, whitespace collapsed.
fn key(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Who said the quote at `start..end` of the article text, if a reporting verb names them in
/// the sentence holding `start` or in the sentence before it (when that one is running text).
///
/// Arabic: «أكد/قال/أشار/أوضح/شدد/أضاف/أعلن/صرح/ذكر/لفت/أشاد/نوه/اعتبر/أفاد» (with و/ف and
/// feminine ت) followed by the speaker with titles and appositions, up to «أن/إن/على/إلى/في»,
/// a colon or an opening quote mark. English: "X said", "said X", "according to X". A verb
/// with no name after it (a pronoun subject) gives nothing.
pub fn speaker_suggestion(article: &Article, start: usize, end: usize) -> Option<String> {
    let text = article.text.as_str();
    if start > text.len() {
        return None;
    }
    let start = floor_boundary(text, start.min(end.max(start)));
    let sentences = sentences(text);
    let at = sentences
        .iter()
        .position(|&(s, e)| start < e && start >= s)
        .or_else(|| sentences.iter().rposition(|&(s, _)| s <= start))?;
    let (s, e) = sentences[at];
    let own = &text[s..e];
    if let Some(found) = speaker_in(own, Some(start - s)) {
        return Some(found);
    }
    // The sentence names its own source, and it is not a person ("according to a statement",
    // «بحسب التقرير»): the speaker of an earlier sentence is not this one's.
    if cites_a_source(own) {
        return None;
    }
    let (ps, pe) = *sentences.get(at.checked_sub(1)?)?;
    let prev_is_text = article.block_at(ps).is_none_or(|b| {
        matches!(
            article.blocks[b].kind,
            BlockKind::Paragraph | BlockKind::BlockQuote
        )
    });
    if !prev_is_text {
        return None;
    }
    // The sentence before counts when it is in the same paragraph, when this sentence has a
    // reporting verb with no name ("he said", «وأشار إلى»), or when this paragraph carries the
    // reported speech on («إن …», an opening quotation mark). A new paragraph of narrative
    // («ويبلغ عدد …») is the article's own voice.
    let same_block = article.block_at(ps) == article.block_at(s);
    let has_verb = {
        let toks = tokens(own);
        (0..toks.len()).any(|i| arabic_verb(&bare(toks[i].raw)) || english_verb(&toks, i).is_some())
    };
    if !(same_block || has_verb || continues_speech(own)) {
        return None;
    }
    speaker_in(&text[ps..pe], None)
}

/// Whether `sentence` attributes itself to a source with "according to" or «بحسب/حسب/وفقاً
/// ل/طبقاً ل/نقلاً عن».
fn cites_a_source(sentence: &str) -> bool {
    let toks = tokens(sentence);
    (0..toks.len()).any(|i| {
        english_verb(&toks, i) == Some(true) || {
            // With or without the conjunction و (which «وفقاً» itself starts with).
            let word = bare(toks[i].raw);
            let without = word.strip_prefix('و').unwrap_or(&word);
            [word.as_str(), without]
                .iter()
                .any(|w| matches!(*w, "بحسب" | "حسب" | "وفقا" | "طبقا" | "نقلا"))
        }
    })
}

/// Whether `sentence` opens as reported speech carried on from before: «إن/أن …» or an
/// opening quotation mark.
fn continues_speech(sentence: &str) -> bool {
    let t = sentence.trim_start();
    if t.starts_with(['«', '“', '"', '„']) {
        return true;
    }
    let first = t.split_whitespace().next().map(bare).unwrap_or_default();
    matches!(
        first.as_str(),
        "ان" | "وان" | "انه" | "وانه" | "انها" | "وانها"
    )
}

/// The largest char boundary of `text` at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Sentence spans: ends after `.` (followed by a space or the end), `!`, `?`, `؟`, `۔` and at
/// line ends.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut begin = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let ends = match c {
            '\n' | '!' | '?' | '؟' | '۔' => true,
            '.' => next.is_none_or(|n| n.is_whitespace()),
            _ => false,
        };
        if ends {
            let stop = i + c.len_utf8();
            if text[begin..stop].trim().chars().any(char::is_alphabetic) {
                out.push((begin, stop));
            }
            begin = stop;
        }
    }
    if text[begin..].chars().any(char::is_alphabetic) {
        out.push((begin, text.len()));
    }
    out
}

/// A word of a sentence with its byte range.
#[derive(Clone, Copy)]
struct Token<'a> {
    raw: &'a str,
    start: usize,
    end: usize,
}

fn tokens(sentence: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut begin = None;
    for (i, c) in sentence
        .char_indices()
        .chain(std::iter::once((sentence.len(), ' ')))
    {
        match (c.is_whitespace(), begin) {
            (true, Some(b)) => {
                out.push(Token {
                    raw: &sentence[b..i],
                    start: b,
                    end: i,
                });
                begin = None;
            }
            (false, None) => begin = Some(i),
            _ => {}
        }
    }
    out
}

/// Punctuation around a word.
fn is_punct(c: char) -> bool {
    !c.is_alphanumeric() && !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '-' | '\'')
}

/// The word without surrounding punctuation, harakat and tatweel, with alef forms unified.
fn bare(raw: &str) -> String {
    raw.trim_matches(is_punct)
        .chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            c => c,
        })
        .collect()
}

/// The speaker named in `sentence`; `quote_at` is where the quote starts in it (verbs before
/// it are tried first, nearest first), `None` for a previous sentence (last verb first).
fn speaker_in(sentence: &str, quote_at: Option<usize>) -> Option<String> {
    let toks = tokens(sentence);
    let mut verbs: Vec<usize> = (0..toks.len())
        .filter(|&i| arabic_verb(&bare(toks[i].raw)) || english_verb(&toks, i).is_some())
        .collect();
    match quote_at {
        Some(q) => verbs.sort_by_key(|&i| {
            let before = toks[i].start <= q;
            (
                !before,
                if before {
                    q - toks[i].start
                } else {
                    toks[i].start - q
                },
            )
        }),
        None => verbs.reverse(),
    }
    verbs.into_iter().find_map(|v| {
        let span = if arabic_verb(&bare(toks[v].raw)) {
            arabic_speaker(&toks, v)
        } else {
            english_speaker(&toks, v)
        }?;
        let s = sentence.get(span.0..span.1)?;
        let s = s.trim_matches(|c: char| is_punct(c) || c.is_whitespace());
        (!s.is_empty()).then(|| s.to_owned())
    })
}

/// Reporting verbs, alef-normalised, without و/ف and feminine ت.
const ARABIC_VERBS: [&str; 14] = [
    "اكد",
    "قال",
    "اشار",
    "اوضح",
    "شدد",
    "اضاف",
    "اعلن",
    "صرح",
    "ذكر",
    "لفت",
    "اشاد",
    "نوه",
    "اعتبر",
    "افاد",
];

fn arabic_verb(word: &str) -> bool {
    let stems = |w: &str| {
        ARABIC_VERBS.contains(&w)
            || w.strip_suffix('ت')
                .is_some_and(|s| ARABIC_VERBS.contains(&s))
    };
    stems(word)
        || ["و", "ف"].iter().any(|p| {
            word.strip_prefix(p)
                .is_some_and(|w| w.chars().count() >= 3 && stems(w))
        })
}

/// Words that end an Arabic speaker phrase: what follows is what was said (or where).
const ARABIC_STOPS: [&str; 22] = [
    "ان",
    "بان",
    "انه",
    "بانه",
    "انها",
    "بانها",
    "انهم",
    "على",
    "الى",
    "في",
    "خلال",
    "لدى",
    "عن",
    "امام",
    "اليوم",
    "امس",
    "عقب",
    "بعد",
    "قبل",
    "مساء",
    "صباح",
    "لوكالة",
];

/// The byte span of the speaker after the Arabic verb at `v`.
fn arabic_speaker(toks: &[Token], v: usize) -> Option<(usize, usize)> {
    let praise = bare(toks[v].raw).contains("اشاد");
    let mut words: Vec<&Token> = Vec::new();
    let mut terminated = false;
    for t in toks.iter().skip(v + 1).take(16) {
        if t.raw.starts_with(['«', '“', '"', '(', ':', '„']) {
            terminated = true;
            break;
        }
        let b = bare(t.raw);
        if b.is_empty() || arabic_verb(&b) {
            break;
        }
        if ARABIC_STOPS.contains(&b.as_str())
            // «للصحفيين» (to the press) ends the speaker, but «العام للوزارة،» followed by a
            // comma belongs to a title («الأمين العام للوزارة، محمد بن عيسى»).
            || (b.starts_with("لل") && !t.raw.trim_end().ends_with(['،', ',']))
            || (praise && b.starts_with('ب'))
        {
            terminated = true;
            break;
        }
        // An adverbial accusative (مضيفاً، واصفاً) starts a new clause.
        if t.raw.trim_end_matches(is_punct).ends_with('\u{064B}') {
            break;
        }
        words.push(t);
        if t.raw.ends_with([':', '：']) {
            terminated = true;
            break;
        }
    }
    if words.is_empty() || words.len() > 15 || (!terminated && words.len() > 5) {
        return None;
    }
    Some((words[0].start, words[words.len() - 1].end))
}

const ENGLISH_VERBS: [&str; 20] = [
    "said",
    "says",
    "stressed",
    "added",
    "told",
    "noted",
    "stated",
    "warned",
    "announced",
    "explained",
    "emphasised",
    "emphasized",
    "insisted",
    "affirmed",
    "declared",
    "confirmed",
    "urged",
    "underlined",
    "underscored",
    "remarked",
];

const PRONOUNS: [&str; 8] = ["he", "she", "they", "it", "we", "i", "you", "who"];

/// `Some(true)` for "according to" at `i`, `Some(false)` for a reporting verb.
fn english_verb(toks: &[Token], i: usize) -> Option<bool> {
    let w = toks[i].raw.trim_matches(is_punct).to_lowercase();
    if w == "according"
        && toks
            .get(i + 1)
            .is_some_and(|t| t.raw.trim_matches(is_punct).eq_ignore_ascii_case("to"))
    {
        return Some(true);
    }
    ENGLISH_VERBS.contains(&w.as_str()).then_some(false)
}

fn capitalised(raw: &str) -> bool {
    raw.trim_start_matches(is_punct)
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

fn ends_with_punct(raw: &str) -> bool {
    raw.chars().last().is_some_and(is_punct)
}

/// The byte span of the speaker around the English verb (or "according to") at `v`.
fn english_speaker(toks: &[Token], v: usize) -> Option<(usize, usize)> {
    let according = english_verb(toks, v)?;
    if !according && v > 0 && !ends_with_punct(toks[v - 1].raw) {
        // "X said": the words back to the previous punctuation; the name starts at the first
        // capitalised word or "the".
        let mut from = v;
        while from > 0 && v - from < 6 && !ends_with_punct(toks[from - 1].raw) {
            from -= 1;
        }
        let first = (from..v).find(|&i| {
            let w = toks[i].raw.trim_matches(is_punct);
            capitalised(w) || w == "the"
        });
        if let Some(first) = first {
            let only = toks[first].raw.trim_matches(is_punct).to_lowercase();
            if !(first + 1 == v && PRONOUNS.contains(&only.as_str())) {
                return Some((toks[first].start, toks[v - 1].end));
            }
        }
    }
    if !according && v > 0 && toks[v - 1].raw.ends_with(',') {
        // "X, the envoy, said": the capitalised name before the apposition.
        let open = (v.saturating_sub(9)..v - 1)
            .rev()
            .find(|&i| toks[i].raw.ends_with(','))?;
        let mut first = open;
        while first > 0 && capitalised(toks[first - 1].raw) && !ends_with_punct(toks[first - 1].raw)
        {
            first -= 1;
        }
        if capitalised(toks[first].raw)
            && !PRONOUNS.contains(
                &toks[first]
                    .raw
                    .trim_matches(is_punct)
                    .to_lowercase()
                    .as_str(),
            )
        {
            return Some((toks[first].start, toks[v - 1].end));
        }
        return None;
    }
    // "said X" / "according to X".
    let from = v + if according { 2 } else { 1 };
    let head = toks.get(from)?;
    let head_word = head.raw.trim_matches(is_punct);
    if !(capitalised(head.raw) || head_word == "the")
        || PRONOUNS.contains(&head_word.to_lowercase().as_str())
    {
        return None;
    }
    const STOPS: [&str; 12] = [
        "that", "on", "in", "at", "during", "after", "before", "when", "while", "adding", "to",
        "as",
    ];
    let mut last = from;
    for (i, t) in toks.iter().enumerate().skip(from).take(8) {
        if i > from
            && (STOPS.contains(&t.raw.trim_matches(is_punct).to_lowercase().as_str())
                // A bracket or quotation opens an aside (the name in another script, a title).
                || t.raw.starts_with(['(', '[', '«', '“', '"']))
        {
            break;
        }
        last = i;
        if ends_with_punct(t.raw) {
            break;
        }
    }
    Some((head.start, toks[last].end))
}
