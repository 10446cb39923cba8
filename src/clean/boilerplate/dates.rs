//! Datelines and dates: they belong to articles, whatever other rules say of short lines.

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
pub fn is_dateline(text: &str) -> bool {
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
            let w = crate::text::lowercase(w.trim_matches(|c: char| !c.is_alphabetic()));
            is_month(w.rsplit('-').next().unwrap_or(""))
        })
}
