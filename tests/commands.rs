//! Undoable commands: each change and its undo restore the exact previous briefing.

mod support;

use briefing::model::{
    AgendaItem, Article, ArticleId, Briefing, Command, CommandError, Field, History, ItemId, Quote,
    QuoteId, Slot,
};

fn article(id: u32, text: &str) -> Article {
    support::one_block_article(id, text)
}

fn quote(b: &Briefing, article: ArticleId, passage: &str) -> Quote {
    let a = b.article(article).unwrap();
    let start = a.text.find(passage).unwrap();
    Quote::from_range(
        b.next_quote_id(),
        article,
        &a.text,
        start,
        start + passage.len(),
        "t".into(),
    )
    .unwrap()
}

fn item(id: u32, title: &str) -> AgendaItem {
    AgendaItem {
        id: ItemId(id),
        title: title.into(),
        notes: None,
        quotes: vec![],
    }
}

/// Builds the next command from the briefing as it stands.
type Step = Box<dyn Fn(&Briefing) -> Command>;

#[test]
fn every_command_undoes_and_redoes_exactly() {
    let mut b = Briefing::new("t");
    let mut h = History::default();
    let mut states = vec![b.clone()];
    let text = "قال Xavier Colomina إن الشراكة ضرورة، وأضاف أنها تمتد لأكثر من 20 عاماً.";
    let steps: Vec<Step> = vec![
        Box::new(|_| Command::AddArticle(0, Box::new(article(1, text)))),
        Box::new(|_| Command::AddItem(0, item(1, "الناتو"))),
        Box::new(|_| Command::AddItem(9, item(2, "Gulf"))),
        Box::new(|b| {
            let q = quote(b, ArticleId(1), "الشراكة ضرورة");
            Command::AddQuote(
                Slot {
                    item: Some(ItemId(1)),
                    index: 0,
                },
                Box::new(q),
            )
        }),
        Box::new(|b| {
            let q = quote(b, ArticleId(1), "20 عاماً");
            Command::AddQuote(
                Slot {
                    item: None,
                    index: 0,
                },
                Box::new(q),
            )
        }),
        Box::new(|_| {
            Command::MoveQuote(
                QuoteId(1),
                Slot {
                    item: Some(ItemId(2)),
                    index: 0,
                },
            )
        }),
        Box::new(|_| {
            Command::MoveQuote(
                QuoteId(2),
                Slot {
                    item: Some(ItemId(2)),
                    index: 0,
                },
            )
        }),
        Box::new(|_| Command::MoveItem(ItemId(2), 0)),
        Box::new(|_| Command::EditQuote(QuoteId(1), Some("كولومينا".into()), Some("key".into()))),
        Box::new(|_| Command::RenameItem(ItemId(1), "NATO".into())),
        Box::new(|_| Command::SetItemNotes(ItemId(1), Some("notes".into()))),
        Box::new(|_| Command::SetField(Field::Title, Some("New title".into()))),
        Box::new(|_| Command::SetField(Field::Classification, Some("SECRET".into()))),
        Box::new(|_| Command::SetLanguage(briefing::model::BriefingLanguage::Arabic)),
        Box::new(|_| Command::RemoveQuote(QuoteId(2))),
        Box::new(|_| Command::RemoveItem(ItemId(2))),
        Box::new(|_| Command::RemoveArticle(ArticleId(1))),
    ];
    for step in &steps {
        let command = step(&b);
        h.run(&mut b, command).unwrap();
        assert!(b.problems().is_empty(), "{:?}", b.problems());
        states.push(b.clone());
    }
    // Undo all the way back, checking each state, then redo all the way forward.
    for expected in states.iter().rev().skip(1) {
        assert!(h.undo(&mut b));
        assert_eq!(&b, expected);
    }
    assert!(!h.undo(&mut b));
    for expected in states.iter().skip(1) {
        assert!(h.redo(&mut b));
        assert_eq!(&b, expected);
    }
    assert!(!h.redo(&mut b));
}

#[test]
fn removing_an_article_takes_its_quotes_and_undo_puts_them_back_in_place() {
    let mut b = Briefing::new("t");
    let mut h = History::default();
    h.run(
        &mut b,
        Command::AddArticle(0, Box::new(article(1, "one two three four"))),
    )
    .unwrap();
    h.run(
        &mut b,
        Command::AddArticle(1, Box::new(article(2, "five six seven"))),
    )
    .unwrap();
    h.run(&mut b, Command::AddItem(0, item(1, "A"))).unwrap();
    for (a, p) in [(1, "two"), (2, "six"), (1, "four")] {
        let q = quote(&b, ArticleId(a), p);
        h.run(
            &mut b,
            Command::AddQuote(
                Slot {
                    item: Some(ItemId(1)),
                    index: 9,
                },
                Box::new(q),
            ),
        )
        .unwrap();
    }
    let before = b.clone();
    h.run(&mut b, Command::RemoveArticle(ArticleId(1))).unwrap();
    assert_eq!(b.quotes().count(), 1);
    assert!(h.undo(&mut b));
    assert_eq!(b, before);
}

#[test]
fn bad_commands_fail_and_change_nothing() {
    let mut b = Briefing::new("t");
    b.articles.push(article(1, "abc"));
    let before = b.clone();
    let bad_quote = Quote {
        id: QuoteId(1),
        article: ArticleId(1),
        start: 0,
        end: 2,
        text: "xy".into(),
        context_before: String::new(),
        context_after: String::new(),
        speaker: None,
        note: None,
        picked_at: String::new(),
    };
    let commands = vec![
        Command::AddQuote(
            Slot {
                item: None,
                index: 0,
            },
            Box::new(bad_quote),
        ),
        Command::MoveQuote(
            QuoteId(5),
            Slot {
                item: None,
                index: 0,
            },
        ),
        Command::RemoveItem(ItemId(3)),
        Command::AddArticle(0, Box::new(article(1, "dup"))),
        Command::RestoreArticle(0, Box::new(article(1, "dup")), vec![]),
        // A batch whose second step fails rolls back its first.
        Command::Batch(vec![
            Command::AddItem(0, item(1, "A")),
            Command::RenameItem(ItemId(9), "x".into()),
        ]),
    ];
    for c in commands {
        assert!(c.clone().apply(&mut b).is_err(), "{c:?}");
        assert_eq!(b, before);
    }
}

/// A briefing with one article, one agenda item and one quote filed under it.
fn one_quote_briefing() -> Briefing {
    let mut b = Briefing::new("t");
    b.articles
        .push(article(1, "قال الوزير إن المحادثات ستستأنف الأسبوع المقبل."));
    b.agenda.push(item(1, "المحادثات"));
    let q = quote(&b, ArticleId(1), "المحادثات ستستأنف");
    b.agenda[0].quotes.push(q);
    b
}

#[test]
fn a_batch_whose_third_command_fails_changes_nothing_and_reports_that_failure() {
    let mut b = one_quote_briefing();
    let before = b.clone();
    let q = quote(&b, ArticleId(1), "الأسبوع المقبل");
    let batch = Command::Batch(vec![
        Command::RenameItem(ItemId(1), "Talks".into()),
        Command::AddQuote(
            Slot {
                item: Some(ItemId(1)),
                index: 0,
            },
            Box::new(q),
        ),
        Command::RemoveItem(ItemId(9)),
    ]);
    let err = batch.apply(&mut b).unwrap_err();
    assert_eq!(err, CommandError::Missing(ItemId(9).to_string()));
    assert_eq!(b, before);
}

#[test]
fn a_batch_restoring_an_article_already_there_changes_nothing() {
    // Restoring a second article 1 used to succeed; undoing it then took the first article's
    // quote with it, the batch's rollback could not undo the edit of that quote, and the
    // briefing was left changed behind an ordinary error.
    let mut b = one_quote_briefing();
    let before = b.clone();
    let q1 = QuoteId(1);
    let batch = Command::Batch(vec![
        Command::EditQuote(q1, Some("الوزير".into()), None),
        Command::RestoreArticle(0, Box::new(article(1, "نص آخر")), vec![]),
        Command::RemoveItem(ItemId(9)),
    ]);
    let err = batch.apply(&mut b).unwrap_err();
    assert!(matches!(err, CommandError::Invalid(_)), "{err}");
    assert_eq!(b, before);
}
