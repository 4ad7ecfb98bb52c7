//! Property tests over random sequences of briefing commands: invariants hold after every
//! step, undo gives back exactly the briefing before the step and redo the one after, and save
//! then load is byte-identical.

mod support;

use briefing::briefing_file;
use briefing::model::{
    AgendaItem, Article, ArticleId, Briefing, Command, Field, History, Quote, QuoteId, Slot,
};
use proptest::prelude::*;

const TEXTS: [&str; 3] = [
    "أكد خافيير كولومينا، ممثل الأمين العام لحلف الناتو (NATO)، أن الشراكة تمتد لأكثر من 20 عاماً.",
    "The deputy minister said the meeting «marks a new stage» for 14 partners.",
    "سيتم تقييم التقدّم المُحرز في مختلف مجالات التعاون ضمن المبادرة.",
];

#[derive(Debug, Clone)]
enum Op {
    AddArticle(usize),
    RemoveArticle(usize),
    AddItem(String),
    RemoveItem(usize),
    RenameItem(usize, String),
    MoveItem(usize, usize),
    AddQuote(usize, usize, usize, Option<usize>),
    MoveQuote(usize, Option<usize>, usize),
    RemoveQuote(usize),
    EditQuote(usize, Option<String>, Option<String>),
    SetField(u8, Option<String>),
    Undo,
    Redo,
    SaveLoad,
}

fn op() -> impl Strategy<Value = Op> {
    let s = "[a-zA-Zء-ي ]{0,12}";
    prop_oneof![
        (0..3usize).prop_map(Op::AddArticle),
        (0..4usize).prop_map(Op::RemoveArticle),
        s.prop_map(Op::AddItem),
        (0..4usize).prop_map(Op::RemoveItem),
        (0..4usize, s).prop_map(|(i, t)| Op::RenameItem(i, t)),
        (0..4usize, 0..5usize).prop_map(|(i, to)| Op::MoveItem(i, to)),
        (
            0..4usize,
            0..200usize,
            1..60usize,
            proptest::option::of(0..4usize)
        )
            .prop_map(|(a, s, l, i)| Op::AddQuote(a, s, l, i)),
        (0..10usize, proptest::option::of(0..4usize), 0..5usize)
            .prop_map(|(q, i, at)| Op::MoveQuote(q, i, at)),
        (0..10usize).prop_map(Op::RemoveQuote),
        (0..10usize, proptest::option::of(s), proptest::option::of(s))
            .prop_map(|(q, a, b)| Op::EditQuote(q, a, b)),
        (0..6u8, proptest::option::of(s)).prop_map(|(f, v)| Op::SetField(f, v)),
        Just(Op::Undo),
        Just(Op::Redo),
        Just(Op::SaveLoad),
    ]
}

fn article(id: ArticleId, text: &str) -> Article {
    support::one_block_article(id.0, text)
}

/// The nearest char boundary at or below `at`.
fn floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Turn an abstract op into a concrete command on the briefing as it stands (None = no-op).
fn command(b: &Briefing, op: &Op) -> Option<Command> {
    let quotes: Vec<QuoteId> = b.quotes().map(|q| q.id).collect();
    let item = |i: usize| b.agenda.get(i).map(|it| it.id);
    Some(match op {
        Op::AddArticle(t) => {
            Command::AddArticle(0, Box::new(article(b.next_article_id(), TEXTS[*t])))
        }
        Op::RemoveArticle(i) => Command::RemoveArticle(b.articles.get(*i)?.id),
        Op::AddItem(t) => Command::AddItem(
            b.agenda.len(),
            AgendaItem {
                id: b.next_item_id(),
                title: t.clone(),
                notes: None,
                quotes: vec![],
            },
        ),
        Op::RemoveItem(i) => Command::RemoveItem(item(*i)?),
        Op::RenameItem(i, t) => Command::RenameItem(item(*i)?, t.clone()),
        Op::MoveItem(i, to) => Command::MoveItem(item(*i)?, *to),
        Op::AddQuote(a, s, l, i) => {
            let a = b.articles.get(*a)?;
            let start = floor(&a.text, *s);
            let end = floor(&a.text, start + l);
            let q = Quote::from_range(b.next_quote_id(), a.id, &a.text, start, end, "t".into())?;
            let slot = Slot {
                item: i.and_then(item),
                index: 0,
            };
            Command::AddQuote(slot, Box::new(q))
        }
        Op::MoveQuote(q, i, at) => Command::MoveQuote(
            *quotes.get(*q)?,
            Slot {
                item: i.and_then(item),
                index: *at,
            },
        ),
        Op::RemoveQuote(q) => Command::RemoveQuote(*quotes.get(*q)?),
        Op::EditQuote(q, s, n) => Command::EditQuote(*quotes.get(*q)?, s.clone(), n.clone()),
        Op::SetField(f, v) => {
            let field = [
                Field::Title,
                Field::Subtitle,
                Field::Classification,
                Field::Date,
                Field::DraftedBy,
                Field::Purpose,
            ][*f as usize % 6];
            Command::SetField(field, v.clone())
        }
        Op::Undo | Op::Redo | Op::SaveLoad => return None,
    })
}

fn every_quote_filed_once(b: &Briefing) -> bool {
    let mut ids: Vec<_> = b.quotes().map(|q| q.id).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    ids.len() == n
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn random_editing_keeps_every_invariant(ops in proptest::collection::vec(op(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        let mut b = Briefing::new("p");
        let mut h = History::default();
        // The briefing before and after each step that can be undone (and, once undone,
        // redone), newest last: undo must give back exactly the one before, redo the one after.
        let mut undoable: Vec<(Briefing, Briefing)> = Vec::new();
        let mut redoable: Vec<(Briefing, Briefing)> = Vec::new();
        for op in &ops {
            match op {
                Op::Undo => {
                    prop_assert_eq!(h.undo(&mut b), !undoable.is_empty());
                    if let Some((before, after)) = undoable.pop() {
                        prop_assert_eq!(&b, &before, "undo did not restore the briefing");
                        redoable.push((before, after));
                    }
                }
                Op::Redo => {
                    prop_assert_eq!(h.redo(&mut b), !redoable.is_empty());
                    if let Some((before, after)) = redoable.pop() {
                        prop_assert_eq!(&b, &after, "redo did not redo the step");
                        undoable.push((before, after));
                    }
                }
                Op::SaveLoad => {
                    briefing_file::save(&path, &b).unwrap();
                    let first = std::fs::read(&path).unwrap();
                    let loaded = briefing_file::load(&path).unwrap();
                    prop_assert_eq!(&loaded, &b);
                    briefing_file::save(&path, &loaded).unwrap();
                    prop_assert_eq!(std::fs::read(&path).unwrap(), first);
                }
                op => {
                    if let Some(c) = command(&b, op) {
                        let before = b.clone();
                        if h.run(&mut b, c).is_err() {
                            prop_assert_eq!(&b, &before);
                        } else {
                            undoable.push((before, b.clone()));
                            redoable.clear();
                        }
                    }
                }
            }
            prop_assert!(b.problems().is_empty(), "{:?} after {:?}", b.problems(), op);
            prop_assert!(every_quote_filed_once(&b));
            for q in b.quotes() {
                let a = b.article(q.article).unwrap();
                prop_assert_eq!(&a.text[q.start..q.end], q.text.as_str());
            }
        }
    }
}
