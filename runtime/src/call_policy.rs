//! Which calls each kind of signer may send: the runtime's answer to
//! `pallet_consortium::CallPolicy`, which `CheckMembership` asks at the pool
//! and again at inclusion. A signer may send only what its role needs; every
//! call inside a `Utility` batch is checked the same way (an empty batch is
//! refused: it does nothing but fill blocks), and no other
//! `Utility` call (`as_derivative`, `dispatch_as`, `with_weight`, ...) is
//! signed by anyone. Nobody signs `System.remark` or a balance transfer.
//!
//! | signer | may send |
//! | --- | --- |
//! | `Admin` | `Consortium`, `Council`, `Mra`, `Session` keys, `System.apply_authorized_upgrade` |
//! | `Registrar` | `TinRegistry`, `Confidential`, `AeoCertificates.amend` |
//! | `Approver` | `AeoCertificates` |
//! | `Auditor` | nothing: the role reads |
//! | validator account | `Session.set_keys`, `Session.purge_keys` |
//! | trader linked to an active TIN | `TinRegistry.set_consent`, `TinRegistry.unlink_account`, `TinRegistry.set_encryption_key` |
//!
//! A node built with `runtime-benchmarks` also lets any signer send
//! `System.remark`, which `benchmark overhead` builds its blocks of.

use crate::RuntimeCall;
use cadena_primitives::{Role, Roles};
use pallet_consortium::{CallPolicy, Signer};

/// The runtime's call policy (see the module's table).
pub struct RolePolicy;

impl CallPolicy<RuntimeCall> for RolePolicy {
	fn permits(signer: Signer, call: &RuntimeCall) -> bool {
		use pallet_utility::Call as Utility;
		// `cadena-node benchmark overhead` measures the base weights with
		// blocks of remarks signed by a development key. A benchmark build
		// is never deployed.
		#[cfg(feature = "runtime-benchmarks")]
		if matches!(call, RuntimeCall::System(frame_system::Call::remark { .. })) {
			return true;
		}
		match call {
			RuntimeCall::Utility(
				Utility::batch { calls }
				| Utility::batch_all { calls }
				| Utility::force_batch { calls },
			) => !calls.is_empty() && calls.iter().all(|call| Self::permits(signer, call)),
			RuntimeCall::Utility(_) => false,
			_ => match signer {
				Signer::Officer(roles) => officer_permits(roles, call),
				Signer::Validator => session_keys(call),
				Signer::Trader => matches!(
					call,
					RuntimeCall::TinRegistry(
						pallet_tin_registry::Call::set_consent { .. }
							| pallet_tin_registry::Call::unlink_account { .. }
							| pallet_tin_registry::Call::set_encryption_key { .. }
					)
				),
			},
		}
	}
}

fn session_keys(call: &RuntimeCall) -> bool {
	matches!(
		call,
		RuntimeCall::Session(
			pallet_session::Call::set_keys { .. } | pallet_session::Call::purge_keys { .. }
		)
	)
}

fn officer_permits(roles: Roles, call: &RuntimeCall) -> bool {
	let admin = roles.contains(Role::Admin);
	let registrar = roles.contains(Role::Registrar);
	let approver = roles.contains(Role::Approver);
	match call {
		RuntimeCall::Consortium(_) | RuntimeCall::Council(_) | RuntimeCall::Mra(_) => admin,
		RuntimeCall::System(frame_system::Call::apply_authorized_upgrade { .. }) => admin,
		// In the development presets an administration's primary admin is
		// also its validator account.
		RuntimeCall::Session(_) => admin && session_keys(call),
		RuntimeCall::TinRegistry(_) | RuntimeCall::Confidential(_) => registrar,
		RuntimeCall::AeoCertificates(pallet_aeo_certificates::Call::amend { .. }) => {
			registrar || approver
		}
		RuntimeCall::AeoCertificates(_) => approver,
		_ => false,
	}
}
