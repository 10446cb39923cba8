//! Boilerplate removal for extracted text: navigation, hotline banners, contact blocks,
//! donor footers, cookie and copyright notices. Evidence that holds in Kyrgyz, Russian and
//! English: phrase lists, contact density (phones, e-mail addresses, URLs), runs of short
//! menu-like lines, position (a footer zone after the last article text), and — strongest —
//! repetition across the documents of one batch, counted in a fixed-size count-min sketch.
//! Every dropped line is kept with its reason so that a user can audit it.

use crate::config::{Aggressiveness, BoilerplateConfig};
use crate::text::Lang;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU32, Ordering};

/// Why a line was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// The line recurs in many documents of the batch.
    Repeated,
    /// A known navigation, banner or notice phrase ("Skip to content", "Горячая линия").
    Phrase,
    /// A donor, implementer or copyright statement.
    Notice,
    /// Contact details: phone, fax, e-mail, address, website.
    Contact,
    /// One of a run of short menu-like lines.
    Menu,
    /// A short line in the footer zone after the article.
    Footer,
    /// A line without words: times, scores, table numbers, separators.
    Symbols,
    /// An HTML element that is not content (nav, aside, footer, form, share and menu blocks).
    Markup,
    /// A list of other headlines: an HTML block that is mostly link text, or in plain text a
    /// short heading with three or more headline-like lines after the article.
    Links,
    /// Page text outside the main content, as the main-content extractor (trafilatura) judged.
    NotMain,
}

/// A dropped line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Removed {
    pub text: String,
    pub reason: Reason,
    /// 1-based number of the line among the document's non-empty extracted lines (for HTML
    /// page furniture: of the line it came before).
    pub line: usize,
    /// Language of the dropped text (a Russian hotline banner on an English page is `ru`).
    pub lang: Lang,
}

/// Line fingerprints of a whole batch: in how many documents each line occurs. A count-min
/// sketch: fixed memory whatever the corpus size; counts can only be over-estimated.
pub struct LineCounts {
    rows: Vec<Vec<AtomicU32>>,
    mask: u64,
}

const SKETCH_ROWS: usize = 4;
const SKETCH_BITS: u32 = 20;

impl Default for LineCounts {
    fn default() -> Self {
        LineCounts {
            rows: (0..SKETCH_ROWS)
                .map(|_| {
                    (0..1usize << SKETCH_BITS)
                        .map(|_| AtomicU32::new(0))
                        .collect()
                })
                .collect(),
            mask: (1u64 << SKETCH_BITS) - 1,
        }
    }
}

impl LineCounts {
    fn slot(&self, fingerprint: u64, row: usize) -> usize {
        let h = fingerprint.wrapping_add((row as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let h = (h ^ (h >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        ((h ^ (h >> 29)) & self.mask) as usize
    }

    /// Counts the distinct lines of one document. Safe to call from many threads.
    pub fn add_document<'a>(&self, lines: impl Iterator<Item = &'a str>) {
        let mut seen: Vec<u64> = lines.filter_map(fingerprint).collect();
        seen.sort_unstable();
        seen.dedup();
        for f in seen {
            for (r, row) in self.rows.iter().enumerate() {
                row[self.slot(f, r)].fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// In how many documents the line occurs (an upper bound).
    pub fn count(&self, line: &str) -> u32 {
        fingerprint(line).map_or(0, |f| {
            self.rows
                .iter()
                .enumerate()
                .map(|(r, row)| row[self.slot(f, r)].load(Ordering::Relaxed))
                .min()
                .unwrap_or(0)
        })
    }
}

/// Lines compare case-insensitively with digits and spacing ignored ("© 2023" recurs as
/// "© 2024"); lines of fewer than two letters have no fingerprint.
fn fingerprint(line: &str) -> Option<u64> {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut letters = 0;
    for c in line.chars().filter(|&c| crate::text::is_letter(c)) {
        letters += 1;
        for l in c.to_lowercase() {
            h = (h ^ u64::from(u32::from(l))).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    (letters >= 2).then_some(h)
}

/// Navigation and banner lines, matched whole (after case folding and trimming markup).
const NAV_PHRASES: &[&str] = &[
    // English
    "skip to content",
    "skip to main content",
    "main menu",
    "menu",
    "search",
    "home",
    "read more",
    "share",
    "share this",
    "print",
    "subscribe",
    "sign in",
    "log in",
    "follow us",
    "back to top",
    "related articles",
    "read also",
    "see also",
    "tags",
    "previous",
    "next",
    "hotline",
    "privacy policy",
    "terms of use",
    "contact us",
    "accept cookies",
    "toggle navigation",
    "advertisement",
    "most read",
    "most popular",
    "latest news",
    "recent posts",
    "related posts",
    "related stories",
    "more on this story",
    "stay in touch",
    "sign up",
    "newsletter",
    "donate",
    "donate now",
    "comments",
    "leave a comment",
    "leave a reply",
    "archives",
    "categories",
    "share this article",
    "copy link",
    // Russian
    "перейти к содержимому",
    "главное меню",
    "меню",
    "поиск",
    "главная",
    "читать далее",
    "подробнее",
    "поделиться",
    "печать",
    "подписаться",
    "войти",
    "горячая линия",
    "читайте также",
    "смотрите также",
    "похожие новости",
    "теги",
    "политика конфиденциальности",
    "контакты",
    "обратная связь",
    "наверх",
    "версия для печати",
    "назад",
    "вперед",
    "новости",
    "реклама",
    "самое читаемое",
    "популярное",
    "последние новости",
    "свежие записи",
    "последние записи",
    "предыдущая запись",
    "следующая запись",
    "архивы",
    "рубрики",
    "комментарии",
    "оставить комментарий",
    "комментарии к записи отключены",
    "рассылка",
    // Kyrgyz
    "башкы бет",
    "издөө",
    "толугураак",
    "бөлүшүү",
    "ошондой эле окуңуз",
    "байланыш",
    "ишеним телефону",
    "кирүү",
    "артка",
    "тектеш жаңылыктар",
    "байланыштар",
    "жарнама",
    "акыркы жаңылыктар",
    "эң көп окулгандар",
    "басып чыгаруу",
    "жазылуу",
    "пайдалуу шилтемелер",
];

/// Notices found inside longer lines: donor and implementer statements, copyright, cookies.
const NOTICE_PHRASES: &[&str] = &[
    "this project is funded by",
    "this project is implemented by",
    "the european union is made up of",
    "all rights reserved",
    "we use cookies",
    "this website uses cookies",
    "все права защищены",
    "мы используем cookie",
    "сайт использует cookie",
    "проект финансируется",
    "бардык укуктар корголгон",
    "долбоор каржыланат",
    "при использовании материалов ссылка",
    "при перепечатке материалов",
    "материалдарды колдонууда шилтеме",
    "көчүрүп басууда",
    "is not responsible for the content of external sites",
    "registered charity",
    "is the sole responsibility of",
    "are the sole responsibility of",
    "являются исключительной ответственностью",
    "является исключительной ответственностью",
    "свидетельство о регистрации сми",
    "чтобы оставить комментарий",
    "comments are closed",
];

/// Openings of short lines that label page furniture: tags, rubrics, view counts, share bars.
const FURNITURE_OPENINGS: &[&str] = &[
    "tags",
    "posted in",
    "filed under",
    "share",
    "views",
    "copyright",
    "©",
    "теги",
    "метки",
    "рубрика",
    "категория",
    "поделиться",
    "просмотров",
    "просмотры",
    "комментарии (",
    "опубликовано",
    "posted on",
    "published on",
    "тегдер",
    "бөлүшүү",
    "каралды",
    "рубрикасы",
];

/// Funders named in donor notices.
const DONORS: &[&str] = &[
    "european union",
    "европейского союза",
    "европейский союз",
    "европа бирлиги",
    "usaid",
    "undp",
    "пруон",
    "osce",
    "обсе",
    "giz",
    "world bank",
    "всемирного банка",
    "дүйнөлүк банк",
];

/// Words of support or funding that make a line naming a funder a donor notice.
const SUPPORT_WORDS: &[&str] = &[
    "support",
    "fund",
    "financ",
    "поддержк",
    "финанс",
    "колдоо",
    "каржы",
];

/// Openings of contact lines.
const CONTACT_OPENINGS: &[&str] = &[
    "tel",
    "tel.",
    "telephone",
    "phone",
    "fax",
    "e-mail",
    "email",
    "address",
    "website",
    "web",
    "facebook",
    "twitter",
    "instagram",
    "telegram",
    "for more information",
    "тел",
    "тел.",
    "телефон",
    "факс",
    "адрес",
    "эл. почта",
    "электронная почта",
    "сайт",
    "дарек",
    "байланыш телефону",
    "кошумча маалымат",
    "для справок",
    "подробная информация",
];

/// The classifier, built once per run.
pub struct Boilerplate {
    config: BoilerplateConfig,
    extra: Vec<String>,
}

/// A line with its position, as classified.
struct Line<'a> {
    text: &'a str,
    paragraph: usize,
    reason: Option<Reason>,
    /// In how many documents of the batch the line occurs (0 without a batch).
    repeats: u32,
}

impl Boilerplate {
    pub fn new(config: &BoilerplateConfig) -> Self {
        Boilerplate {
            extra: config.phrases.iter().map(|p| key(p)).collect(),
            config: config.clone(),
        }
    }

    /// Drops the boilerplate lines of a document's paragraphs; `counts` are the batch's line
    /// counts (absent for a single document) and `documents` the batch size.
    pub fn clean(
        &self,
        paragraphs: &[String],
        counts: Option<(&LineCounts, usize)>,
    ) -> (Vec<String>, Vec<Removed>) {
        let mut lines: Vec<Line> = paragraphs
            .iter()
            .enumerate()
            .flat_map(|(p, text)| {
                text.lines().map(move |l| Line {
                    text: l,
                    paragraph: p,
                    reason: None,
                    repeats: counts.map_or(0, |(c, _)| c.count(l)),
                })
            })
            .collect();
        let repeat_min = counts.map(|(_, docs)| {
            self.config
                .repeat_min_docs
                .max(((docs as f64) * self.config.repeat_min_share).ceil() as u32)
        });
        for line in lines.iter_mut() {
            crate::budget::check();
            line.reason = self.classify(line.text, line.repeats, repeat_min);
        }
        if self.config.aggressiveness == Aggressiveness::Normal {
            mark_menus(&mut lines);
            mark_footer(&mut lines);
        }
        keep_headline(&mut lines);
        if self.config.aggressiveness == Aggressiveness::Normal {
            mark_header(&mut lines);
            mark_headline_lists(&mut lines);
        }
        regroup(
            paragraphs.len(),
            lines.iter().map(|l| (l.paragraph, l.text, l.reason)),
        )
    }

    fn classify(&self, text: &str, repeats: u32, repeat_min: Option<u32>) -> Option<Reason> {
        let k = key(text);
        let words = k.split_whitespace().count();
        if k.is_empty() {
            return None;
        }
        if NOTICE_PHRASES.iter().any(|p| k.contains(p)) {
            return Some(Reason::Notice);
        }
        if self.config.aggressiveness == Aggressiveness::Normal
            && text.chars().filter(|&c| crate::text::is_letter(c)).count() < 2
        {
            return Some(Reason::Symbols);
        }
        if words <= 8
            && (NAV_PHRASES.contains(&k.as_str())
                || self.extra.iter().any(|p| {
                    k.strip_prefix(p.as_str())
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
                }))
        {
            return Some(Reason::Phrase);
        }
        if let Some(min) = repeat_min {
            // Datelines recur (digits do not count in the fingerprint) but belong to articles.
            if words <= 30 && repeats >= min && !is_dateline(text) {
                return Some(Reason::Repeated);
            }
        }
        if self.config.aggressiveness == Aggressiveness::Normal {
            if is_contact(&k, text) {
                return Some(Reason::Contact);
            }
            if words <= 40
                && DONORS.iter().any(|d| k.contains(d))
                && SUPPORT_WORDS.iter().any(|w| k.contains(w))
                && !k.contains(" said")
                && !k.contains(" заявил")
                && !k.contains(" деди")
            {
                return Some(Reason::Notice);
            }
            if words <= 12
                && (k.contains("cookie")
                    || k.contains("подписывайтесь")
                    || k.contains("подпишитесь")
                    || k.contains("жазылыңыз"))
            {
                return Some(Reason::Notice);
            }
            if words <= 10
                && FURNITURE_OPENINGS.iter().any(|o| {
                    k.strip_prefix(o)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with([':', ' ', '(']))
                })
                && !is_prose(text)
            {
                return Some(Reason::Phrase);
            }
            if is_menu_row(text) {
                return Some(Reason::Menu);
            }
        }
        None
    }
}

/// Rebuilds paragraphs from classified lines `(paragraph, text, reason)`: lines without a
/// reason are kept, the others listed as removed with their 1-based line number.
pub(crate) fn regroup<'a>(
    paragraphs: usize,
    lines: impl Iterator<Item = (usize, &'a str, Option<Reason>)>,
) -> (Vec<String>, Vec<Removed>) {
    let mut kept: Vec<String> = vec![String::new(); paragraphs];
    let mut removed = Vec::new();
    for (i, (paragraph, text, reason)) in lines.enumerate() {
        match reason {
            Some(reason) => removed.push(Removed {
                text: text.to_string(),
                reason,
                line: i + 1,
                lang: Lang::Und,
            }),
            None => {
                let p = &mut kept[paragraph];
                if !p.is_empty() {
                    p.push('\n');
                }
                p.push_str(text);
            }
        }
    }
    kept.retain(|p| !p.is_empty());
    (kept, removed)
}

/// A list item opened by a bullet or dash.
fn is_bulleted(text: &str) -> bool {
    text.trim_start().starts_with(['•', '-', '*', '–', '—'])
}

/// Lower case, Markdown and list markers trimmed, spaces collapsed, end punctuation dropped.
fn key(text: &str) -> String {
    let lower = text.to_lowercase();
    let trimmed = lower.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '#' | '*'
                    | '-'
                    | '•'
                    | '>'
                    | '|'
                    | '_'
                    | ':'
                    | '.'
                    | '!'
                    | '«'
                    | '»'
                    | '"'
                    | '['
                    | ']'
            )
    });
    crate::text::collapse_whitespace(trimmed)
}

/// A line of contact details: opens with a contact word, or is mostly phones, e-mail
/// addresses and URLs.
fn is_contact(key: &str, raw: &str) -> bool {
    let tokens: Vec<&str> = raw.split_whitespace().collect();
    let addresses = tokens
        .iter()
        .filter(|t| {
            is_email(t) || t.contains("://") || t.starts_with("www.") || t.contains("](mailto:")
        })
        .count();
    let phone = has_phone_number(raw);
    // "Tel.: …", "Адрес: …", "For more information, please contact: …", or a contact word with
    // the number or address on the line; "Телефон аркылуу кайрылышты." is a sentence.
    let opens = CONTACT_OPENINGS.iter().any(|o| {
        key.strip_prefix(o).is_some_and(|rest| {
            rest.is_empty()
                || (rest.starts_with([':', ' ', '.', ','])
                    && (raw.chars().take(40).any(|c| c == ':') || phone || addresses > 0))
        })
    });
    // Two kinds of contact detail on one line ("… | +996 312 … | info@…") make a contact block.
    let signals =
        usize::from(phone) + usize::from(addresses > 0) + usize::from(raw.contains(" тел."));
    if opens || (signals >= 2 && tokens.len() <= 25) {
        return true;
    }
    let words = tokens
        .iter()
        .filter(|t| t.chars().any(crate::text::is_letter))
        .count();
    (addresses > 0 || phone) && words <= 6
}

/// A phone number: seven or more digits in three or more groups joined only by spaces,
/// dashes, dots or brackets ("+996 312 90 67 45", "(0312) 54 41 84"), or after a `+`. Years
/// ("1917 -- 2005") and counts ("92050 жителей") are not.
fn has_phone_number(text: &str) -> bool {
    let mut digits = 0;
    let mut groups = 0;
    let mut in_group = false;
    let mut plus = false;
    for c in text.chars().chain(std::iter::once('x')) {
        if c.is_ascii_digit() {
            digits += 1;
            if !in_group {
                groups += 1;
                in_group = true;
            }
        } else if matches!(c, ' ' | '-' | '.' | '(' | ')' | '+' | '\u{A0}') {
            in_group = false;
            plus |= c == '+';
        } else {
            if digits >= 7 && (groups >= 3 || plus) {
                return true;
            }
            (digits, groups, in_group, plus) = (0, 0, false, false);
        }
    }
    false
}

/// An e-mail address (a@b.kg), not a mention (@user).
fn is_email(token: &str) -> bool {
    token.split_once('@').is_some_and(|(user, domain)| {
        !user
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .is_empty()
            && domain.contains('.')
    })
}

/// Month names: English in full or abbreviated, Russian and Kyrgyz as stems that take case
/// endings ("марта", "мартта", "майында").
const MONTHS_EN: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];
const MONTH_STEMS: &[&str] = &[
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
];

fn is_month(word: &str) -> bool {
    MONTHS_EN.contains(&word)
        || MONTH_STEMS.iter().any(|stem| {
            word.strip_prefix(stem).is_some_and(|end| {
                let n = end.chars().count();
                // "ма" only as май/мая/майда/майында, not "мама" or "майор".
                if *stem == "ма" {
                    matches!(end, "й" | "я" | "йда" | "йында" | "йдын")
                } else {
                    n <= 4
                }
            })
        })
}

/// A dateline or date line: a few words holding a day or year and a month name or a numeric
/// date ("Bishkek, 25 April 2019", "Ош, 3 сентября.", "Бишкек, 12-март, 2024-жыл", "05.03.2024").
pub(crate) fn is_dateline(text: &str) -> bool {
    // Cheap tests first: this runs on every line of every document.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let words = || text.split_whitespace();
    if words().nth(8).is_some() || words().next().is_none() {
        return false;
    }
    let numeric_date = words().any(|w| {
        let mut parts = w
            .trim_matches(|c: char| !c.is_ascii_digit())
            .split(['.', '-', '/']);
        let mut count = 0;
        let all_numbers = parts.all(|p| {
            count += 1;
            !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())
        });
        all_numbers && count == 3
    });
    numeric_date
        || words().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
            is_month(w.rsplit('-').next().unwrap_or(""))
        })
}

/// Two to twenty words with letters, not a sentence, not a breadcrumb or menu row.
pub(crate) fn is_heading_like(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (2..=20).contains(&words)
        && line.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && !line.trim_end().ends_with(['.', ':', ';', ','])
        && !line.contains('|')
        && ![" / ", " » ", " > ", " · ", " • "]
            .iter()
            .any(|separator| line.contains(separator))
}

/// Sentence-like: ends in sentence punctuation or has many words.
fn is_prose(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '»', '”', ')', '*']);
    t.split_whitespace().count() > 12 || t.ends_with(['.', '!', '?', '…'])
}

/// One line of menu items or breadcrumbs: two or more short items between separators
/// ("Home | About | Donate", "Башкы бет / Коом", "USD 87,45 · EUR 94,10").
fn is_menu_row(text: &str) -> bool {
    let items: Vec<&str> = text
        .split(['|', '·', '•'])
        .flat_map(|item| item.split(" / "))
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect();
    // A line opening with a bullet is a list item of the text, not a menu.
    items.len() >= 2
        && !text.trim_start().starts_with(['•', '·'])
        && text.split_whitespace().count() <= 20
        // "Все братья / сёстры" is a headline; "Башкы бет / Коом" a breadcrumb.
        && (items.len() > 2
            || text.contains(['|', '·', '•'])
            || NAV_PHRASES.contains(&key(items[0]).as_str()))
        && items.len() > text.matches(['.', '!', '?']).count()
        && items
            .iter()
            .all(|item| item.split_whitespace().count() <= 4 && !is_prose(item))
}

/// Runs of four or more short lines (three words or fewer, no sentence punctuation, no digits:
/// those are table rows and numbered lists) are menus.
fn mark_menus(lines: &mut [Line]) {
    let short = |l: &Line| {
        !l.text.chars().any(|c| c.is_ascii_digit())
            && l.text.split_whitespace().count() <= 3
            && !is_prose(l.text)
            && l.text.chars().any(crate::text::is_letter)
    };
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j < lines.len() && (short(&lines[j]) || lines[j].reason.is_some()) {
            j += 1;
        }
        if j - i >= 4 && (i..j).filter(|&k| short(&lines[k])).count() >= 4 {
            for line in &mut lines[i..j] {
                line.reason.get_or_insert(Reason::Menu);
            }
        }
        i = j.max(i + 1);
    }
}

/// The headline stays although other pages list it ("Read also", "Most read"): of the four
/// lines before the first line of the article, datelines skipped, the longest heading-like
/// line dropped as repeated comes back if it recurs in fewer than half as many documents as
/// the page's most repeated line: template lines recur on every page of a site, a headline
/// only in a few lists of other headlines.
fn keep_headline(lines: &mut [Line]) {
    let most_repeated = lines.iter().map(|l| l.repeats).max().unwrap_or(0);
    // The article starts at its first kept line of four words or more that is not a dateline.
    let Some(start) = lines.iter().position(|l| {
        l.reason.is_none() && l.text.split_whitespace().count() >= 4 && !is_dateline(l.text)
    }) else {
        return;
    };
    let headline = (start.saturating_sub(4)..start)
        .filter(|&i| {
            !is_dateline(lines[i].text)
                && is_heading_like(lines[i].text)
                && lines[i].reason == Some(Reason::Repeated)
                && lines[i].repeats * 2 < most_repeated
        })
        .max_by_key(|&i| lines[i].text.chars().filter(|c| c.is_alphabetic()).count());
    if let Some(i) = headline {
        lines[i].reason = None;
    }
}

/// Above the headline of a page whose top holds furniture (a menu, a banner), the short lines
/// left — site name, tagline, language switch — are the page header. The headline is the
/// first heading-like line, right below a dropped line, of the four before the first article
/// sentence; without one nothing is marked.
fn mark_header(lines: &mut [Line]) {
    let Some(start) = lines
        .iter()
        .position(|l| l.reason.is_none() && is_prose(l.text) && !is_dateline(l.text))
    else {
        return;
    };
    let Some(headline) = (start.saturating_sub(4)..start)
        .filter(|&i| {
            i > 0
                && lines[i - 1].reason.is_some()
                && lines[i].reason.is_none()
                && !is_dateline(lines[i].text)
                && is_heading_like(lines[i].text)
        })
        .min()
    else {
        return;
    };
    for line in &mut lines[..headline] {
        if line.reason.is_none()
            && !is_prose(line.text)
            && !is_dateline(line.text)
            && line.text.split_whitespace().count() <= 12
        {
            line.reason = Some(Reason::Menu);
        }
    }
}

/// Lists of other headlines in plain text ("Read also", "Другие новости рубрики", "Окуңуз"
/// and three or more headlines under it), after the article's paragraphs: a short heading that
/// does not announce a list with a colon, then three or more lines of four to twelve words
/// with no end punctuation and no bullets, and no paragraph of the article after them.
fn mark_headline_lists(lines: &mut [Line]) {
    let Some(start) = lines
        .iter()
        .position(|l| l.reason.is_none() && is_prose(l.text))
    else {
        return;
    };
    let headline_item = |text: &str| {
        let words = text.split_whitespace().count();
        (4..=12).contains(&words)
            && is_heading_like(text)
            && !is_bulleted(text)
            && !is_dateline(text)
    };
    // Both facts about what follows a line are computed once, from the end: how many headline
    // items start right after it, and whether an article paragraph comes anywhere later. Marks
    // made below only touch lines the scan has passed, so the facts stay true.
    let n = lines.len();
    let mut items_from = vec![0usize; n + 1];
    let mut article_from = vec![false; n + 1];
    for i in (0..n).rev() {
        items_from[i] = if headline_item(lines[i].text) {
            items_from[i + 1] + 1
        } else {
            0
        };
        article_from[i] = article_from[i + 1]
            || (lines[i].reason.is_none() && lines[i].text.split_whitespace().count() > 15);
    }
    let mut i = start + 1;
    while i < n {
        let heading = lines[i].text;
        let items = items_from[i + 1];
        // A poem or list inside the article is followed by more article paragraphs.
        if items >= 3
            && !article_from[i + 1 + items]
            && heading.split_whitespace().count() <= 5
            && !is_prose(heading)
            && !heading.trim_end().ends_with(':')
        {
            for line in &mut lines[i..=i + items] {
                line.reason.get_or_insert(Reason::Links);
            }
            i += items + 1;
        } else {
            i += 1;
        }
    }
}

/// After the last article sentence: from the first dropped line past it (and in the second
/// half of the document) on, short lines — addresses, names, "by the European Union" — are
/// footer too, and so are the short lines just before that one.
fn mark_footer(lines: &mut [Line]) {
    let last_content = lines
        .iter()
        .rposition(|l| l.reason.is_none() && is_prose(l.text))
        .map_or(0, |i| i + 1);
    let from = last_content.max(lines.len() / 2);
    // Page furniture opens a footer; a stray number (symbols) or menu does not.
    let opens_footer = |r: Option<Reason>| {
        matches!(
            r,
            Some(Reason::Contact | Reason::Notice | Reason::Phrase | Reason::Repeated)
        )
    };
    let Some(mut start) = (from..lines.len()).find(|&i| opens_footer(lines[i].reason)) else {
        return;
    };
    while start > last_content
        && (lines[start - 1].reason.is_some() || is_footer_line(lines[start - 1].text))
    {
        start -= 1;
    }
    for line in &mut lines[start..] {
        if line.reason.is_none() && is_footer_line(line.text) {
            line.reason = Some(Reason::Footer);
        }
    }
}

/// Short and not a sentence nor a numbered or bulleted item: an address line, a name, "by the European
/// Union".
fn is_footer_line(text: &str) -> bool {
    let numbered = text.trim_start().starts_with(|c: char| c.is_ascii_digit())
        && text
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .starts_with(['.', ')']);
    !numbered && !is_bulleted(text) && !is_prose(text) && text.split_whitespace().count() <= 10
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(text: &str) -> (Vec<String>, Vec<Removed>) {
        let paragraphs = crate::clean::split_paragraphs(text);
        Boilerplate::new(&BoilerplateConfig::default()).clean(&paragraphs, None)
    }

    #[test]
    fn navigation_and_banners_go() {
        let (kept, removed) = clean("Skip to content\nA new stage in drug policy\n\nГорячая линия\n\nThe commission visited Bishkek in June.");
        assert_eq!(
            kept,
            vec![
                "A new stage in drug policy",
                "The commission visited Bishkek in June."
            ]
        );
        assert_eq!(removed[0].reason, Reason::Phrase);
        assert_eq!(
            (removed[1].text.as_str(), removed[1].line),
            ("Горячая линия", 3)
        );
    }

    #[test]
    fn contact_and_donor_footer_go_but_dateline_stays() {
        let text = "Central Asian partners met\n\nBishkek, 25 April 2019\n\nTwenty-six partners took part in a two-day workshop on treatment.\n\nThe second day was spent on site visits to three centres.\n\nFor more information, please contact: Ms. A, by phone (996 770) 444 068 or e-mail: a@b.de\n\nThis project is implemented by:\n\nAddress: 96-6, Toktogul str.,\nBishkek, Kyrgyz Republic\nTel: +996 312 90 67 45\n\nThis project is funded\nby the European Union";
        let (kept, removed) = clean(text);
        assert_eq!(kept.len(), 4, "{kept:?}");
        assert!(kept.contains(&"Bishkek, 25 April 2019".to_string()));
        let reasons: Vec<Reason> = removed.iter().map(|r| r.reason).collect();
        assert_eq!(
            reasons,
            [
                Reason::Contact,
                Reason::Notice,
                Reason::Contact,
                Reason::Footer,
                Reason::Contact,
                Reason::Footer,
                Reason::Footer
            ]
        );
    }

    #[test]
    fn phones_are_told_from_years_and_counts() {
        assert!(has_phone_number("Tel: +996 312 90 67 45"));
        assert!(has_phone_number("by phone (996 770) 444 068 or"));
        assert!(has_phone_number("0556 102 828"));
        assert!(!has_phone_number(
            "В 2009 году в городе проживало 92050 жителей."
        ));
        assert!(!has_phone_number("Абрамов (1917 -- 2005) -- поэт"));
        assert!(is_email("<a@b.kg>") && !is_email("@screened-15"));
        let (kept, _) = clean("@screened-15 спасибо вам!");
        assert_eq!(kept.len(), 1);
        let (kept, _) = clean("В 2009 году в городе проживало 92050 жителей.");
        assert_eq!(kept.len(), 1);
    }

    #[test]
    fn menus_go_and_lists_of_sentences_stay() {
        let (kept, removed) = clean("Башкы бет\nЖаңылыктар\nСаясат\nЭкономика\nСпорт\n\nБүгүн Бишкекте жаңы мектеп ачылды.\n- Окуучулар кубанышты.\n- Мугалимдер да келишти.");
        assert_eq!(kept, vec!["Бүгүн Бишкекте жаңы мектеп ачылды.\n- Окуучулар кубанышты.\n- Мугалимдер да келишти."]);
        assert_eq!(removed.len(), 5);
    }

    #[test]
    fn single_page_furniture_goes_and_article_lists_stay() {
        let (kept, removed) = clean("Home | Who we are | Donate now\nБашкы бет / Коом\n\nЖаңы мектеп ачылды\n\nНарында жаңы мектеп ачылды, анда беш жүз окуучу окуйт.\n• Афганистан • Андорра • Австралия\n\nТеги: общество, Бишкек\nКаралды: 1 482\nПроект реализуется при финансовой поддержке Европейского союза.\nOffice: 14 Manas Avenue | +996 312 88 11 22 | info@mha.example.org");
        assert_eq!(
            kept,
            vec![
                "Жаңы мектеп ачылды",
                "Нарында жаңы мектеп ачылды, анда беш жүз окуучу окуйт.\n• Афганистан • Андорра • Австралия"
            ]
        );
        let reasons: Vec<Reason> = removed.iter().map(|r| r.reason).collect();
        assert_eq!(
            reasons,
            [
                Reason::Menu,
                Reason::Menu,
                Reason::Phrase,
                Reason::Phrase,
                Reason::Notice,
                Reason::Contact
            ]
        );
    }

    #[test]
    fn page_header_goes_only_above_furniture() {
        let (kept, removed) = clean("Mountain Health Alliance\nWorking for rural clinics since 2003\nHome | Who we are | Donate now\nNew clinic opens in Naryn\nPosted on 5 March 2024\nThe clinic will serve twelve villages of the valley from next week.");
        assert_eq!(
            kept,
            vec!["New clinic opens in Naryn\nThe clinic will serve twelve villages of the valley from next week."]
        );
        assert_eq!(removed.len(), 4);
        assert_eq!(removed[3].reason, Reason::Phrase, "the 'Posted on' line");
        // No furniture above: a title and an author line stay.
        let (kept, removed) =
            clean("Жамиля\nЧыңгыз Айтматов\nБул окуя согуш жылдарында болгон. Айыл тынч эле.");
        assert!(removed.is_empty(), "{removed:?}");
        assert_eq!(kept.len(), 1);
    }

    #[test]
    fn lists_of_other_headlines_go_but_a_poem_amid_the_article_stays() {
        let article = "Бишкекте жаңы китепкана ачылды, анда балдар үчүн өзүнчө бөлүм бар жана ал жерде ар күнү кечинде окуу кечелери өтөт.";
        let related = "Окуңуз\nЖогорку Кеңештин депутаттары жаңы мыйзамды кабыл алышты\nОшто жаңы көпүрө курулуп бүттү\nНарында кар көчкү жолду жаап калды";
        let (kept, removed) = clean(&format!("{article}\n\n{related}"));
        assert_eq!(kept, vec![article]);
        assert!(removed.iter().all(|r| r.reason == Reason::Links));
        let poem = "Ала-Тоо\nАла-Тоонун бийик чокусу асманга тийип турат\nАк карлары күн нуруна жалтылдап жанат\nАкын ырын ошол тоого арнап жазат";
        let (kept, removed) = clean(&format!("{article}\n\n{poem}\n\n{article}"));
        assert!(removed.is_empty(), "{removed:?}");
        assert_eq!(kept.len(), 3);
    }

    #[test]
    fn datelines_are_told_from_other_short_lines() {
        for line in [
            "Bishkek, 25 April 2019",
            "Ош, 3 сентября.",
            "Бишкек, 12-март, 2024-жыл",
            "05.03.2024",
            "Нарын, 1-майда",
        ] {
            assert!(is_dateline(line), "{line}");
        }
        for line in [
            "Market report 2024",
            "Майор 5 роты",
            "Тел.: +996 312 66 30 30",
            "The 25 members met in March and decided to build three new clinics.",
        ] {
            assert!(!is_dateline(line), "{line}");
        }
    }

    #[test]
    fn repeated_lines_go() {
        let counts = LineCounts::default();
        for _ in 0..5 {
            counts.add_document(
                ["Подпишитесь на наш канал в Telegram", "Уникальная строка"].into_iter(),
            );
        }
        let b = Boilerplate::new(&BoilerplateConfig::default());
        let paragraphs = vec![
            "Подпишитесь на наш канал в Telegram".to_string(),
            "Новость дня о погоде в Оше.".to_string(),
        ];
        let (kept, removed) = b.clean(&paragraphs, Some((&counts, 100)));
        assert_eq!(kept, vec!["Новость дня о погоде в Оше."]);
        assert_eq!(removed[0].reason, Reason::Repeated);
        assert_eq!(counts.count("ПОДПИШИТЕСЬ на наш канал в telegram!"), 5);
    }
}
