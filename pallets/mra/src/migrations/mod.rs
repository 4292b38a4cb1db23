//! Storage migrations of the MRA pallet.
//!
//! The pallet declares its layout as `STORAGE_VERSION`; a change of layout
//! bumps it and ships here, as a `VersionedMigration` from the old version to
//! the new one with its `pre_upgrade`/`post_upgrade` checks, composed into the
//! runtime's `Migrations` (docs/upgrades.md). Version 0 is the layout the chain
//! started with.
//!
//! | version | runtime | change |
//! | --- | --- | --- |
//! | 1 | 103 | [`v1`]: live MRAs indexed in one bounded list per country, terminated ones archived, open proposals and waiting MRAs counted per country |
//! | 2 | 107 | [`v2`]: the directions of the MRAs in force counted, for one-read entitlement checks |
//! | 3 | 110 | [`v3`]: every direction's benefit set, empty at version 0 for the MRAs agreed before benefits |

pub mod v1;
pub mod v2;
pub mod v3;
