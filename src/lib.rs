//! `briefing`: prepare diplomatic briefings from news articles, most of them Arabic.
