//! The rule catalogue (`data/rules.yaml`): every finding's id with its severity, formula,
//! example and fix. `gen-report rules` lists it and `gen-report explain ID` prints one rule.

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub severity: String,
    pub description: String,
    pub formula: String,
    pub example: String,
    pub fix: String,
}

#[derive(serde::Deserialize)]
struct RuleFile {
    rules: Vec<Rule>,
}

/// The rule catalogue from `data/rules.yaml`, in the order a reader meets the tables.
pub fn rules() -> &'static [Rule] {
    static RULES: std::sync::OnceLock<Vec<Rule>> = std::sync::OnceLock::new();
    // data/rules.yaml is compiled in and checked by the unit test below, so it always parses.
    RULES.get_or_init(|| serde_saphyr::from_str::<RuleFile>(include_str!("../../data/rules.yaml")).map(|f| f.rules).unwrap_or_default())
}

pub fn rule(id: &str) -> Option<&'static Rule> {
    rules().iter().find(|r| r.id.eq_ignore_ascii_case(id))
}

#[cfg(test)]
mod tests {
    /// Every rule id the code reports is in the catalogue, and every catalogued rule is used.
    #[test]
    fn catalogue_matches_code() {
        if let Err(e) = serde_saphyr::from_str::<super::RuleFile>(include_str!("../../data/rules.yaml")) {
            panic!("data/rules.yaml: {e}");
        }
        let rules = super::rules();
        // Every source file under src/, so a rule reported by a new kind is covered too.
        let mut sources = String::new();
        let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
        while let Some(dir) = dirs.pop() {
            for e in std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()) {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") && p.file_name().is_some_and(|n| n != "rules.rs") {
                    sources.push_str(&std::fs::read_to_string(&p).unwrap());
                }
            }
        }
        // Every quoted token shaped like a rule id ("X-T5-T6-BASIC") in the checking code.
        let mut used = std::collections::BTreeSet::new();
        let parts: Vec<&str> = sources.split('"').collect();
        for tok in parts.iter().skip(1) {
            let shaped = tok.contains('-')
                && !tok.starts_with("YYYY-MM")
                && tok.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && tok.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
            if shaped {
                used.insert(tok.to_string());
            }
        }
        for id in &used {
            assert!(super::rule(id).is_some(), "rule {id} is reported but not in data/rules.yaml");
        }
        for r in rules {
            assert!(used.contains(&r.id), "rule {} is catalogued but never reported", r.id);
        }
    }
}
