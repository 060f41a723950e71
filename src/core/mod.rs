//! What every document kind shares, importing nothing of ours above it: exact money
//! (`money`), the spanned source primitives (`source`), the `Loader` that turns them into
//! typed values (`loader`), findings and their rendering (`diag`), the rule catalogue
//! (`rules`), the classification catalogues (`catalog`), checks on free text (`prose`, with
//! `sentences`, `names`, `year_terms` and the text scanning of `scan`), sentence helpers
//! (`narrative`), the figures as data for the JSON/CSV twins (`data`), characters a report must not carry (`chars`), path confinement (`paths`)
//! and atomic output (`output`).
pub mod catalog;
pub mod chars;
pub mod data;
pub mod diag;
pub mod loader;
pub mod money;
pub mod names;
pub mod narrative;
pub mod output;
pub mod paths;
pub mod prose;
pub mod rules;
pub mod scan;
pub mod sentences;
pub mod source;
pub mod timing;
pub mod year_terms;
