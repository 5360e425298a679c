//! Pay arithmetic beside the HR layer: what a gross salary means for the employee and the
//! employer — the income tax (НДФЛ), net pay, insurance contributions and accident insurance —
//! under a year's [`tax`] rules kept as data, in exact [`money`] (kopecks), month by month
//! ([`cost`]). Nothing here prints: `jobdoc cost` (`src/cmd/cost.rs`) shows the figures.

pub mod cost;
pub mod money;
pub mod tax;
