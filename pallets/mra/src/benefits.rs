//! The benefits of each direction of an MRA: set with its proposal, changed
//! only by a motion both sides of the direction sign, applied on its day;
//! and the business-continuity events a recogniser declares.

use crate::{
	pallet::{Benefits, BenefitsDue, Continuity, Error, Event, Scheduled, ScheduledOf},
	Config, MraAction, Pallet, ProposedBenefits, ScheduledBenefits,
};
use alloc::vec::Vec;
use cadena_primitives::{
	check_grants, CountryCode, Day, DirectionBenefits, Directions, GrantError, Grants, MraId,
	MraStatus, Scope,
};
use frame_support::{
	ensure,
	pallet_prelude::{DispatchResult, Get},
};

/// A direction: `(issuer, recogniser)`.
pub type Direction = (CountryCode, CountryCode);

impl<T: Config> From<GrantError> for Error<T> {
	fn from(e: GrantError) -> Self {
		match e {
			GrantError::NoRoles => Error::GrantWithoutRoles,
			GrantError::RolesNotSorted => Error::GrantRolesNotSorted,
			GrantError::NoAeoTypes => Error::GrantWithoutAeoTypes,
			GrantError::AeoTypesNotSorted => Error::GrantAeoTypesNotSorted,
			GrantError::AeoTypeOutOfScope => Error::GrantAeoTypeOutOfScope,
			GrantError::BadParameter => Error::GrantBadParameter,
			GrantError::BadNationalCode => Error::GrantBadNationalCode,
			GrantError::GrantsNotSorted => Error::GrantsNotSorted,
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The grants of each of a new MRA's directions: those proposed, each
	/// for one of its directions and named once, checked against its scope;
	/// none for the others.
	pub(crate) fn check_proposed_benefits(
		scope: &Scope,
		directions: &Directions,
		proposed: Vec<ProposedBenefits>,
	) -> Result<Vec<(Direction, Grants)>, Error<T>> {
		// Before any work: one set a direction at most.
		ensure!(proposed.len() <= directions.len(), Error::<T>::BenefitsForNoDirection);
		let mut sets: Vec<(Direction, Grants)> =
			directions.iter().map(|d| (*d, Grants::default())).collect();
		let mut named = Vec::with_capacity(proposed.len());
		for set in proposed {
			let direction = (set.issuer, set.recogniser);
			let at = sets
				.binary_search_by(|(d, _)| d.cmp(&direction))
				.map_err(|_| Error::<T>::BenefitsForNoDirection)?;
			ensure!(!named.contains(&direction), Error::<T>::DuplicateBenefits);
			named.push(direction);
			check_grants(&set.grants, scope)?;
			sets[at].1 = set.grants;
		}
		Ok(sets)
	}

	/// Stores a new MRA's benefits: version 1 of every direction's set.
	pub(crate) fn store_proposed_benefits(id: MraId, sets: Vec<(Direction, Grants)>) {
		for (direction, grants) in sets {
			Benefits::<T>::insert(id, direction, DirectionBenefits { version: 1, grants });
		}
	}

	/// Gives the directions a new party brought an empty set, version 0:
	/// none agreed yet.
	pub(crate) fn open_new_directions<'a>(id: MraId, new: impl Iterator<Item = &'a Direction>) {
		for direction in new {
			Benefits::<T>::insert(id, direction, DirectionBenefits::default());
		}
	}

	/// Checks an amendment of `direction` of MRA `id`, proposed by an Admin
	/// of `country`, applying on `on`.
	pub(crate) fn check_amendment(
		id: MraId,
		scope: &Scope,
		country: CountryCode,
		direction: Direction,
		grants: &Grants,
		on: Day,
	) -> DispatchResult {
		ensure!(Benefits::<T>::contains_key(id, direction), Error::<T>::NoSuchDirection);
		ensure!(country == direction.0 || country == direction.1, Error::<T>::NotOfDirection);
		ensure!(!Scheduled::<T>::contains_key(id, direction), Error::<T>::AmendmentScheduled);
		ensure!(on >= Self::today(), Error::<T>::EffectiveInPast);
		check_grants(grants, scope).map_err(Error::<T>::from)?;
		Ok(())
	}

	/// Carries out an amendment both sides signed: at once if its day has
	/// come, else on its day (block hook).
	pub(crate) fn amend_benefits(
		id: MraId,
		status: MraStatus,
		direction: Direction,
		grants: Grants,
		on: Day,
		by: Option<T::AccountId>,
	) -> DispatchResult {
		if on <= Self::today() {
			Self::apply_benefits(id, status, direction, grants, by);
			return Ok(());
		}
		for country in [direction.0, direction.1] {
			ScheduledOf::<T>::try_mutate(country, |n| {
				ensure!(*n < T::MaxAwaitingPerCountry::get(), Error::<T>::TooManyScheduled);
				*n += 1;
				Ok::<_, Error<T>>(())
			})?;
		}
		BenefitsDue::<T>::try_mutate(|due| {
			let entry = (on, id, direction);
			let position = due.binary_search(&entry).unwrap_or_else(|p| p);
			due.try_insert(position, entry)
		})
		.map_err(|_| Error::<T>::TooManyScheduled)?;
		Scheduled::<T>::insert(id, direction, ScheduledBenefits { on, grants });
		Self::deposit_event(Event::BenefitsScheduled {
			id,
			issuer: direction.0,
			recogniser: direction.1,
			on,
		});
		Ok(())
	}

	/// A direction's set becomes `grants`, one version up: in the history,
	/// with one event.
	fn apply_benefits(
		id: MraId,
		status: MraStatus,
		(issuer, recogniser): Direction,
		grants: Grants,
		by: Option<T::AccountId>,
	) {
		let version = Benefits::<T>::mutate(id, (issuer, recogniser), |set| {
			let set = set.get_or_insert_with(Default::default);
			set.version = set.version.saturating_add(1);
			set.grants = grants.clone();
			set.version
		});
		let action = MraAction::AmendBenefits { issuer, recogniser, version };
		Self::record(id, action, Some(status), status, by);
		Self::deposit_event(Event::BenefitsChanged { id, issuer, recogniser, version, grants });
	}

	/// Applies the amendments due by `today`; returns how many.
	pub fn apply_due_benefits(today: Day) -> u32 {
		let due = BenefitsDue::<T>::get();
		let count = due.iter().take_while(|(day, _, _)| *day <= today).count();
		if count == 0 {
			return 0;
		}
		for (_, id, direction) in due.iter().take(count) {
			Self::unschedule(*direction);
			let Some(scheduled) = Scheduled::<T>::take(id, direction) else { continue };
			let status = crate::Mras::<T>::get(id).map(|m| m.terms.status);
			if let Some(status) = status.filter(|s| *s != MraStatus::Terminated) {
				Self::apply_benefits(*id, status, *direction, scheduled.grants, None);
			}
		}
		BenefitsDue::<T>::mutate(|list| {
			*list = frame_support::BoundedVec::truncate_from(list[count..].to_vec())
		});
		count as u32
	}

	/// Takes one scheduled amendment off both sides' counts.
	fn unschedule((issuer, recogniser): Direction) {
		for country in [issuer, recogniser] {
			ScheduledOf::<T>::mutate_exists(country, |n| {
				*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0)
			});
		}
	}

	/// Drops the amendments of a terminated MRA still waiting for their day.
	pub(crate) fn cancel_scheduled(id: MraId) {
		let mut dropped = false;
		for (direction, _) in Scheduled::<T>::drain_prefix(id) {
			Self::unschedule(direction);
			dropped = true;
		}
		if dropped {
			BenefitsDue::<T>::mutate(|due| due.retain(|(_, i, _)| *i != id));
		}
	}

	/// What `recogniser` grants `issuer`'s AEOs under MRA `id`: an empty
	/// set, version 0, when nothing was agreed.
	pub fn benefits_of(
		id: MraId,
		issuer: CountryCode,
		recogniser: CountryCode,
	) -> DirectionBenefits {
		Benefits::<T>::get(id, (issuer, recogniser)).unwrap_or_default()
	}

	/// Whether `country` has declared a business-continuity event.
	pub fn in_continuity_event(country: CountryCode) -> bool {
		Continuity::<T>::contains_key(country)
	}

	/// The benefits' invariants: one set for each direction of each MRA and
	/// none else, each within its MRA's scope; every amendment waiting has
	/// its place in the list of days, and the counts agree.
	pub(crate) fn benefits_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut sets = 0usize;
		for (id, mra) in crate::Mras::<T>::iter() {
			for direction in mra.terms.directions.iter() {
				let set =
					Benefits::<T>::get(id, direction).ok_or("a direction without benefits")?;
				ensure!(
					check_grants(&set.grants, &mra.terms.scope).is_ok(),
					"benefits outside their MRA's scope"
				);
				sets += 1;
			}
		}
		ensure!(Benefits::<T>::iter_keys().count() == sets, "benefits of no direction");
		let due = BenefitsDue::<T>::get();
		ensure!(due.windows(2).all(|w| w[0] < w[1]), "amendments' days not sorted");
		ensure!(Scheduled::<T>::iter_keys().count() == due.len(), "amendments out of step");
		let mut counts = alloc::collections::BTreeMap::<CountryCode, u32>::new();
		for (day, id, direction) in due.iter() {
			let scheduled = Scheduled::<T>::get(id, direction).ok_or("a day without amendment")?;
			ensure!(scheduled.on == *day, "an amendment on another day");
			ensure!(Benefits::<T>::contains_key(id, direction), "an amendment of no direction");
			for country in [direction.0, direction.1] {
				*counts.entry(country).or_default() += 1;
			}
		}
		ensure!(
			ScheduledOf::<T>::iter().collect::<alloc::collections::BTreeMap<_, _>>() == counts,
			"amendment counts out of step"
		);
		Ok(())
	}
}
