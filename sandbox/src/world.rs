//! Wires the data to the code that acts on it: the application state ([`crate::state`]) starts
//! from and goes back to the seed ([`crate::seed`]), and is brought up to the clock by the
//! lifecycle ([`crate::lifecycle`]) whenever a handler reads it.
//!
//! The arrows point one way: this module depends on state, seed and lifecycle; state depends on
//! none of them.

use std::sync::MutexGuard;

use crate::{
    clock::Clock,
    lifecycle, seed,
    state::{AppConfig, AppState, Db},
};

impl AppState {
    /// A sandbox holding the demo seed.
    pub fn new(config: AppConfig) -> Self {
        AppState::with_db(seed::seeded_db(Clock::default()), config)
    }

    /// The database, with the lifecycle brought up to the clock's `now`.
    pub fn db(&self) -> MutexGuard<'_, Db> {
        let mut db = self.raw_db();
        let now = db.now();
        lifecycle::tick(&mut db, now);
        db
    }

    /// Back to the seed: data, demo key, clock offset 0, no faults.
    pub fn reset(&self) {
        *self.raw_db() = seed::seeded_db(Clock::default());
        self.faults().clear();
    }
}
