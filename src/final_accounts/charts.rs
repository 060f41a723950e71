//! Charts (图1–图4 of the Hubei layout) as small hand-written SVG. Geometry is computed with
//! Decimal like the money it shows, labels print the same formatted amounts as the text,
//! and the only text in a chart is fixed wording and computed numbers (XML-escaped anyway).
//! `font-family` names a CJK SC face first: typst only resolves named families.

use crate::core::money::MoneyStyle;
use rust_decimal::{Decimal, RoundingStrategy};

const FONT: &str = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif";
const COLORS: [&str; 6] = ["#a61b29", "#2f5d8a", "#d9822b", "#4f8a3c", "#7a5195", "#8c8c8c"];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn n(d: Decimal) -> String {
    d.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero).normalize().to_string()
}

/// The opening `<svg>` tag: `role="img"` and the alt text as its `aria-label`, which the HTML
/// page shows as the chart's name and `Document::figure` takes as the PDF's alt text.
fn open(w: Decimal, h: impl std::fmt::Display, alt: &str) -> String {
    format!(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="{FONT}" font-size="12" role="img" aria-label="{}">"#, esc(alt))
}

/// What a comparison chart shows, in words: "柱状图：收入总计 2019年707.12万元，2020年…".
pub fn compare_alt(st: &MoneyStyle, year: u32, items: &[(&str, Decimal, Decimal)]) -> String {
    let parts: Vec<String> = items.iter().map(|(l, p, c)| format!("{l} {}年{}万元，{year}年{}万元", year.saturating_sub(1), st.amount(*p), st.amount(*c))).collect();
    format!("柱状图：{}。", parts.join("；"))
}

/// What a structure chart shows, in words: "结构图：基本支出333.02万元，占47.1%；…".
pub fn structure_alt(st: &MoneyStyle, parts: &[(&str, Decimal, Decimal)]) -> String {
    let items: Vec<String> = parts.iter().map(|(l, v, share)| format!("{l}{}万元，占{}", st.amount(*v), st.pct(*share))).collect();
    format!("结构图：{}。", items.join("；"))
}

/// Grouped bars: for each item, last year's and this year's value.
pub fn compare(st: &MoneyStyle, year: u32, items: &[(&str, Decimal, Decimal)]) -> String {
    let (w, h, top, base) = (Decimal::from(560), 240, Decimal::from(30), Decimal::from(190));
    let max = items.iter().flat_map(|i| [i.1, i.2]).max().unwrap_or_default().max(Decimal::ONE);
    let group_w = (w - Decimal::from(80)) / Decimal::from(items.len().max(1) as u64);
    let bar_w = Decimal::from(56);
    let mut s = open(w, h, &compare_alt(st, year, items));
    s.push_str(&format!(r##"<line x1="40" y1="{b}" x2="{x2}" y2="{b}" stroke="#555" stroke-width="1"/>"##, b = n(base), x2 = n(w - Decimal::from(20))));
    for (gi, (label, prior, cur)) in items.iter().enumerate() {
        let gx = Decimal::from(40) + group_w * Decimal::from(gi as u64);
        let cx = gx + group_w / Decimal::TWO;
        for (k, (v, yr)) in [(*prior, year.saturating_sub(1)), (*cur, year)].iter().enumerate() {
            let bh = (base - top) * *v / max;
            let x = cx - bar_w - Decimal::from(4) + Decimal::from(k as u64) * (bar_w + Decimal::from(8));
            let y = base - bh;
            s.push_str(&format!(r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#, n(x), n(y), n(bar_w), n(bh), COLORS[k]));
            s.push_str(&format!(r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#, n(x + bar_w / Decimal::TWO), n(y - Decimal::from(5)), esc(&st.amount(*v))));
            s.push_str(&format!(r##"<text x="{}" y="{}" text-anchor="middle" fill="#333">{yr}年</text>"##, n(x + bar_w / Decimal::TWO), n(base + Decimal::from(16))));
        }
        s.push_str(&format!(r#"<text x="{}" y="{}" text-anchor="middle" font-size="13">{}</text>"#, n(cx), n(base + Decimal::from(36)), esc(label)));
    }
    s.push_str("</svg>");
    s
}

/// One 100% stacked bar with a legend: the structure of a whole (shares already computed
/// with largest remainder, so the legend adds up to 100%).
pub fn structure(st: &MoneyStyle, parts: &[(&str, Decimal, Decimal)]) -> String {
    let w = Decimal::from(560);
    let rows = parts.len().max(1);
    let h = 70 + 22 * rows as u64;
    let mut s = open(w, h, &structure_alt(st, parts));
    let total: Decimal = parts.iter().map(|p| p.1).sum();
    let (x0, bar_w) = (Decimal::from(20), w - Decimal::from(40));
    let mut x = x0;
    for (i, (_, v, _)) in parts.iter().enumerate() {
        if total.is_zero() {
            break;
        }
        let pw = bar_w * *v / total;
        s.push_str(&format!(r#"<rect x="{}" y="16" width="{}" height="30" fill="{}"/>"#, n(x), n(pw), COLORS[i % COLORS.len()]));
        x += pw;
    }
    for (i, (label, v, share)) in parts.iter().enumerate() {
        let y = 70 + 22 * i as u64;
        s.push_str(&format!(r#"<rect x="20" y="{}" width="12" height="12" fill="{}"/>"#, y - 10, COLORS[i % COLORS.len()]));
        s.push_str(&format!(r#"<text x="40" y="{y}">{}：{}万元（{}）</text>"#, esc(label), esc(&st.amount(*v)), esc(&st.pct(*share))));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn svg_is_well_formed_enough() {
        let st = MoneyStyle::default();
        let s = compare(&st, 2020, &[("收入总计", Decimal::from(632), Decimal::from(707)), ("支出总计", Decimal::from(632), Decimal::from(707))]);
        assert!(s.starts_with("<svg") && s.ends_with("</svg>"));
        let s = structure(&st, &[("基本支出<x>", Decimal::from(333), Decimal::from(47))]);
        assert!(s.contains("基本支出&lt;x&gt;"));
    }
}
