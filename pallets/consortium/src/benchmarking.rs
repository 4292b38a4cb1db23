//! Benchmarks of every dispatchable, each in its worst case: the consortium
//! full up to `MaxMembers`, so that the council sync reads every member.

use super::*;
use alloc::vec;
use cadena_primitives::ISO_3166_1_ALPHA_2;
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;
use frame_system::RawOrigin;

fn governance<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// Admits members until there are `count` active ones; returns a country not yet a member.
fn fill_members<T: Config>(count: u32) -> CountryCode {
	let mut codes = ISO_3166_1_ALPHA_2.iter().map(|c| CountryCode(*c));
	let mut index = 0u32;
	while (ActiveMembers::<T>::get().len() as u32) < count {
		let country = codes.next().expect("enough countries");
		if Members::<T>::contains_key(country) {
			continue;
		}
		index += 1;
		let admin: T::AccountId = account("admin", index, 0);
		let validator: T::AccountId = account("validator", index, 0);
		Pallet::<T>::do_admit(
			country,
			vec![b'n'; T::MaxNameLength::get() as usize],
			admin,
			validator,
			None,
		)
		.expect("room for members");
	}
	codes.find(|c| !Members::<T>::contains_key(c)).expect("a free country")
}

/// Node `i` declared by `country`: the peer id of the Ed25519 key of seed
/// `i`, an address of the longest length allowed, and the key's signature
/// for this chain (what the call verifies).
fn node<T: Config>(i: u32, country: CountryCode) -> NodeDeclaration {
	use frame_system::pallet_prelude::BlockNumberFor;
	use sp_runtime::traits::Zero;
	// The keystore's host functions sign (the benchmarking CLI and the mock
	// provide a keystore); the runtime itself holds no signing code.
	const NODE: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"node");
	let seed = alloc::format!("//cadena-node-{i}").into_bytes();
	let key = sp_io::crypto::ed25519_generate(NODE, Some(seed));
	let mut peer_id = vec![0x00, 36, 0x08, 0x01, 0x12, 0x20];
	peer_id.extend(key.0);
	let host = MAX_NODE_ADDRESS_LEN as usize - "/dns4//tcp/30333".len();
	let mut address = b"/dns4/".to_vec();
	address.extend(vec![b'a'; host]);
	address.extend(b"/tcp/30333");
	let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
	let payload = node_declaration_payload(&genesis, &country, &peer_id, &address);
	NodeDeclaration {
		peer_id: peer_id.try_into().expect("a peer id fits"),
		address: address.try_into().expect("the longest address fits"),
		signature: sp_io::crypto::ed25519_sign(NODE, &key, &payload)
			.expect("the key was just generated")
			.0,
	}
}

/// `country`'s nodes up to `count`.
fn fill_nodes<T: Config>(country: CountryCode, count: u32) {
	let mut i = 1_000;
	while (NodesOf::<T>::get(country).len() as u32) < count {
		let n = node::<T>(i, country);
		Pallet::<T>::do_add_node(country, n.peer_id, n.address).expect("room for nodes");
		i += 1;
	}
}

/// The primary admin of an active member, with the consortium full but one.
fn an_admin<T: Config>() -> (CountryCode, T::AccountId) {
	fill_members::<T>(T::MaxMembers::get() - 1);
	let country = ActiveMembers::<T>::get()[0];
	(country, Members::<T>::get(country).expect("active").admin)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn admit_member() -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		let country = fill_members::<T>(T::MaxMembers::get() - 1);
		let name = vec![b'n'; T::MaxNameLength::get() as usize];
		let admin: T::AccountId = account("new-admin", 0, 0);
		let validator: T::AccountId = account("new-validator", 0, 0);
		let first_node = node::<T>(0, country);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, country, name, admin, validator, Some([1; 32]), first_node);

		assert_eq!(ActiveMembers::<T>::get().len() as u32, T::MaxMembers::get());
		Ok(())
	}

	#[benchmark]
	fn suspend_member() -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		let (country, _) = an_admin::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, country);

		assert_eq!(Members::<T>::get(country).map(|m| m.status), Some(MemberStatus::Suspended));
		Ok(())
	}

	#[benchmark]
	fn reinstate_member() -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		let (country, _) = an_admin::<T>();
		Pallet::<T>::syncing_council(|| {
			Pallet::<T>::change_status(country, &[MemberStatus::Active], MemberStatus::Suspended)
		})
		.expect("suspends");

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, country);

		assert_eq!(Members::<T>::get(country).map(|m| m.status), Some(MemberStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn retire_member() -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		let (country, _) = an_admin::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, country);

		assert_eq!(Members::<T>::get(country).map(|m| m.status), Some(MemberStatus::Retired));
		Ok(())
	}

	#[benchmark]
	fn add_officer() {
		let (country, admin) = an_admin::<T>();
		let officer: T::AccountId = account("officer", 0, 0);
		let roles = Roles::from_roles(&Role::ALL);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), officer.clone(), roles);

		assert_eq!(Officers::<T>::get(&officer), Some(OfficerRecord { country, roles }));
	}

	#[benchmark]
	fn set_roles() {
		let (country, admin) = an_admin::<T>();
		let officer: T::AccountId = account("officer", 0, 0);
		Pallet::<T>::do_add_officer(country, officer.clone(), Role::Auditor.into()).expect("room");
		let roles = Roles::from_roles(&[Role::Registrar, Role::Approver]);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), officer.clone(), roles);

		assert_eq!(Officers::<T>::get(&officer).map(|o| o.roles), Some(roles));
	}

	#[benchmark]
	fn remove_officer() {
		let (country, admin) = an_admin::<T>();
		let officer: T::AccountId = account("officer", 0, 0);
		Pallet::<T>::do_add_officer(country, officer.clone(), Role::Auditor.into()).expect("room");

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), officer.clone());

		assert!(!Officers::<T>::contains_key(&officer));
	}

	#[benchmark]
	fn set_encryption_key() {
		let (country, admin) = an_admin::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), Some([9; 32]));

		assert_eq!(Members::<T>::get(country).and_then(|m| m.encryption_key), Some([9; 32]));
	}

	#[benchmark]
	fn replace_admin() -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		let (country, old) = an_admin::<T>();
		let new: T::AccountId = account("new-admin", 0, 0);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, country, new.clone());

		assert_eq!(Members::<T>::get(country).map(|m| m.admin), Some(new));
		assert!(!Officers::<T>::contains_key(&old));
		Ok(())
	}

	#[benchmark]
	fn replace_validator() -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		let (country, _) = an_admin::<T>();
		let new: T::AccountId = account("new-validator", 0, 0);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, country, new.clone());

		assert_eq!(Validators::<T>::get(&new), Some(country));
		Ok(())
	}

	/// The administration has all its nodes but one.
	#[benchmark]
	fn add_node() {
		let (country, admin) = an_admin::<T>();
		fill_nodes::<T>(country, T::MaxNodesPerMember::get() - 1);
		let n = node::<T>(0, country);
		let peer_id = n.peer_id.clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), n);

		assert_eq!(Nodes::<T>::get(&peer_id).map(|r| r.country), Some(country));
	}

	#[benchmark]
	fn set_node_address() {
		let (country, admin) = an_admin::<T>();
		fill_nodes::<T>(country, T::MaxNodesPerMember::get());
		// A node `fill_nodes` declared (seed 1,000), moved to the longest address.
		let n = node::<T>(1_000, country);
		let (peer_id, address) = (n.peer_id.clone(), n.address.clone());
		Nodes::<T>::mutate(&peer_id, |r| {
			r.as_mut().expect("declared").address =
				b"/dns4/old.example/tcp/1".to_vec().try_into().unwrap()
		});

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), n);

		assert_eq!(Nodes::<T>::get(&peer_id).map(|r| r.address), Some(address));
	}

	/// The administration has all its nodes.
	#[benchmark]
	fn remove_node() {
		let (country, admin) = an_admin::<T>();
		fill_nodes::<T>(country, T::MaxNodesPerMember::get());
		let peer_id = NodesOf::<T>::get(country)[0].clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), peer_id.clone());

		assert!(!Nodes::<T>::contains_key(&peer_id));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
