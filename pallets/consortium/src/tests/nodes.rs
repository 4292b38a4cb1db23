//! The nodes each administration declares (issue #13): who may declare,
//! change and withdraw them, what is refused, and which nodes member nodes
//! connect to as members are admitted, suspended, reinstated and retired.

use super::*;

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn address(text: &str) -> NodeAddress {
	text.as_bytes().to_vec().try_into().unwrap()
}

fn peers(country: CountryCode) -> Vec<PeerIdBytes> {
	Consortium::authorized_nodes()
		.into_iter()
		.filter(|(c, _, _)| *c == country)
		.map(|(_, peer_id, _)| peer_id)
		.collect()
}

#[test]
fn admission_declares_the_first_node_and_refuses_a_bad_one() {
	run(|| {
		let mut bad = node(70);
		bad.peer_id = vec![1, 2, 3].try_into().unwrap();
		let admit = |first| {
			Consortium::admit_member(
				governance(),
				GT,
				b"Guatemala".to_vec(),
				GT_ADMIN,
				GT_VALIDATOR,
				None,
				first,
			)
		};
		assert_noop!(admit(bad), Error::<Test>::InvalidPeerId);
		let mut bad = node(70);
		bad.address = address("/ip4/10.0.0.1/tcp/30333/p2p/x");
		assert_noop!(admit(bad), Error::<Test>::InvalidNodeAddress);
		// Signed by the node key, but for another administration.
		assert_noop!(admit(node_for(70, MX)), Error::<Test>::BadNodeSignature);
		assert_ok!(admit(node(70)));
		assert!(System::events().iter().any(|r| r.event
			== Event::NodeAdded {
				country: GT,
				peer_id: node(70).peer_id,
				address: node(70).address
			}
			.into()));
		assert_eq!(peers(GT), vec![node(70).peer_id]);
		assert_eq!(Nodes::<Test>::get(node(70).peer_id).unwrap().country, GT);
	});
}

#[test]
fn an_admin_declares_moves_and_withdraws_its_nodes() {
	run(|| {
		assert_ok!(admit_gt(governance()));
		let second = node(80);
		assert_ok!(Consortium::add_node(signed(GT_ADMIN), second.clone()));
		assert_eq!(
			last_event(),
			Event::NodeAdded {
				country: GT,
				peer_id: second.peer_id.clone(),
				address: second.address
			}
			.into()
		);
		let mut expected = vec![node(70).peer_id, second.peer_id.clone()];
		expected.sort();
		assert_eq!(NodesOf::<Test>::get(GT).to_vec(), expected);

		let moved = address("/ip4/10.1.2.3/tcp/40333");
		assert_ok!(Consortium::set_node_address(
			signed(GT_ADMIN),
			node_at(80, GT, "/ip4/10.1.2.3/tcp/40333")
		));
		assert_eq!(
			last_event(),
			Event::NodeAddressChanged {
				country: GT,
				peer_id: second.peer_id.clone(),
				address: moved.clone()
			}
			.into()
		);
		assert_eq!(Nodes::<Test>::get(&second.peer_id).unwrap().address, moved);

		assert_ok!(Consortium::remove_node(signed(GT_ADMIN), node(70).peer_id));
		assert_eq!(
			last_event(),
			Event::NodeRemoved { country: GT, peer_id: node(70).peer_id }.into()
		);
		assert_eq!(peers(GT), vec![second.peer_id.clone()]);
		assert!(!Nodes::<Test>::contains_key(node(70).peer_id));
		// The last node stays: its replacement is declared first.
		assert_noop!(
			Consortium::remove_node(signed(GT_ADMIN), second.peer_id),
			Error::<Test>::LastNode
		);
	});
}

#[test]
fn nodes_are_refused_with_the_fault() {
	run(|| {
		assert_ok!(admit_gt(governance()));
		let add =
			|who, declaration: NodeDeclaration| Consortium::add_node(signed(who), declaration);
		// Only an Admin of an active member.
		assert_noop!(add(OUTSIDER, node(81)), Error::<Test>::NotOfficer);
		assert_noop!(add(MX_REGISTRAR, node(81)), Error::<Test>::NotAdmin);
		assert_noop!(
			Consortium::add_node(RuntimeOrigin::none(), node(81)),
			DispatchError::BadOrigin
		);
		// Malformed, or declared already (by anyone).
		let mut bad = node(81);
		bad.peer_id =
			b"12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp".to_vec().try_into().unwrap();
		assert_noop!(add(GT_ADMIN, bad), Error::<Test>::InvalidPeerId);
		let mut bad = node(81);
		bad.address = address("10.0.0.1:30333");
		assert_noop!(add(GT_ADMIN, bad), Error::<Test>::InvalidNodeAddress);
		assert_noop!(add(GT_ADMIN, node(70)), Error::<Test>::NodeAlreadyDeclared);
		assert_noop!(add(MX_ADMIN, node_for(70, MX)), Error::<Test>::NodeAlreadyDeclared);
		// At most `MaxNodesPerMember` (2 in the mock).
		assert_ok!(add(GT_ADMIN, node(81)));
		assert_noop!(add(GT_ADMIN, node(82)), Error::<Test>::TooManyNodes);
		// Another administration's node is not its to change or withdraw.
		assert_noop!(
			Consortium::set_node_address(signed(MX_ADMIN), node_for(70, MX)),
			Error::<Test>::NotOwnNode
		);
		assert_noop!(
			Consortium::remove_node(signed(MX_ADMIN), node(70).peer_id),
			Error::<Test>::NotOwnNode
		);
		let mut bad = node(70);
		bad.address = address("/tcp/1");
		assert_noop!(
			Consortium::set_node_address(signed(GT_ADMIN), bad),
			Error::<Test>::InvalidNodeAddress
		);
		// A suspended member's admin declares nothing.
		assert_ok!(Consortium::suspend_member(council(4, 5), GT));
		assert_noop!(add(GT_ADMIN, node(83)), Error::<Test>::MemberNotActive);
		assert_noop!(
			Consortium::remove_node(signed(GT_ADMIN), node(70).peer_id),
			Error::<Test>::MemberNotActive
		);
	});
}

/// The squatting fault of docs/security.md: without the node key's
/// signature, a hostile `Admin` could declare another administration's (or a
/// candidate's) peer id first, or move a node to a third party's address.
#[test]
fn a_declaration_needs_the_node_keys_signature_for_this_chain_member_and_address() {
	run(|| {
		assert_ok!(admit_gt(governance()));
		let add =
			|who, declaration: NodeDeclaration| Consortium::add_node(signed(who), declaration);
		// A candidate's node, declared by a member that does not hold its key:
		// the candidate signed for GT, or nothing at all.
		assert_noop!(add(MX_ADMIN, node(81)), Error::<Test>::BadNodeSignature);
		let mut unsigned = node_for(81, MX);
		unsigned.signature = [0; 64];
		assert_noop!(add(MX_ADMIN, unsigned), Error::<Test>::BadNodeSignature);
		// Signed by another key.
		let mut other = node_for(81, MX);
		other.signature = node_for(82, MX).signature;
		assert_noop!(add(MX_ADMIN, other), Error::<Test>::BadNodeSignature);
		// Signed for another chain (another genesis hash).
		let mut elsewhere = node_for(81, MX);
		let payload = node_declaration_payload(
			&sp_core::H256::repeat_byte(1),
			&MX,
			&elsewhere.peer_id,
			&elsewhere.address,
		);
		elsewhere.signature = sp_core::Pair::sign(&node_key(81), &payload).0;
		assert_noop!(add(MX_ADMIN, elsewhere), Error::<Test>::BadNodeSignature);
		// A peer id that carries no Ed25519 key (its SHA-256) cannot sign.
		let mut hashed = node_for(81, MX);
		let mut sha = vec![0x12, 0x20];
		sha.extend([7; 32]);
		hashed.peer_id = sha.try_into().unwrap();
		assert_noop!(add(MX_ADMIN, hashed), Error::<Test>::InvalidPeerId);
		// Moving a node takes its key's signature of the new address.
		let mut hijack = node(70);
		hijack.address = address("/ip4/203.0.113.9/tcp/30333");
		assert_noop!(
			Consortium::set_node_address(signed(GT_ADMIN), hijack),
			Error::<Test>::BadNodeSignature
		);
		// With its key's consent, the member declares it.
		assert_ok!(add(MX_ADMIN, node_for(81, MX)));
	});
}

#[test]
fn member_nodes_connect_to_the_nodes_of_active_members_only() {
	run(|| {
		assert_ok!(admit_gt(governance()));
		assert_ok!(Consortium::add_node(signed(MX_ADMIN), node_for(90, MX)));
		let all = Consortium::authorized_nodes();
		assert_eq!(all.len(), 2);
		assert_eq!(peers(MX), vec![node(90).peer_id]);
		// Suspended: its nodes are dropped, and come back when reinstated.
		assert_ok!(Consortium::suspend_member(council(4, 5), GT));
		assert!(peers(GT).is_empty());
		assert_eq!(Nodes::<Test>::get(node(70).peer_id).unwrap().country, GT, "kept");
		assert_ok!(Consortium::reinstate_member(council(3, 4), GT));
		assert_eq!(peers(GT), vec![node(70).peer_id]);
		// Retired: dropped for good; admitted again, only the new node counts.
		assert_ok!(Consortium::retire_member(council(4, 5), GT));
		assert!(peers(GT).is_empty());
		assert_ok!(Consortium::admit_member(
			council(3, 4),
			GT,
			b"Guatemala".to_vec(),
			GT_ADMIN,
			GT_VALIDATOR,
			None,
			node(71),
		));
		assert_eq!(peers(GT), vec![node(71).peer_id]);
		assert!(!Nodes::<Test>::contains_key(node(70).peer_id), "the old node was purged");
		Consortium::do_try_state().unwrap();
	});
}

#[test]
fn genesis_declares_the_founders_nodes_and_encryption_keys() {
	let mut config = genesis();
	let address = |seed: u8| String::from_utf8(node(seed).address.to_vec()).unwrap();
	config.nodes = vec![
		(MX, node(1).peer_id.to_vec(), address(1)),
		(MX, node(2).peer_id.to_vec(), address(2)),
		(CR, node(3).peer_id.to_vec(), address(3)),
	];
	config.encryption_keys = vec![(CR, [9; 32])];
	ext_with(config).execute_with(|| {
		let mut mx = vec![node(1).peer_id, node(2).peer_id];
		mx.sort();
		assert_eq!(peers(MX), mx);
		assert_eq!(peers(CR), vec![node(3).peer_id]);
		assert_eq!(Nodes::<Test>::get(node(3).peer_id).unwrap().address, node(3).address);
		assert_eq!(Members::<Test>::get(CR).unwrap().encryption_key, Some([9; 32]));
		assert_eq!(Members::<Test>::get(MX).unwrap().encryption_key, None);
		Consortium::do_try_state().expect("invariants hold");
	});
}

#[test]
#[should_panic(expected = "genesis nodes are valid")]
fn genesis_refuses_a_node_address_with_a_peer_id() {
	let mut config = genesis();
	config.nodes = vec![(MX, node(1).peer_id.to_vec(), "/ip4/10.0.0.1/tcp/30333/p2p/x".into())];
	ext_with(config);
}

#[test]
#[should_panic(expected = "genesis nodes are valid")]
fn genesis_refuses_one_node_declared_twice() {
	let mut config = genesis();
	let address = String::from_utf8(node(1).address.to_vec()).unwrap();
	config.nodes = vec![
		(MX, node(1).peer_id.to_vec(), address.clone()),
		(CR, node(1).peer_id.to_vec(), address),
	];
	ext_with(config);
}

#[test]
#[should_panic(expected = "nodes are of founding members")]
fn genesis_refuses_a_node_of_a_country_that_is_not_a_founder() {
	let mut config = genesis();
	let address = String::from_utf8(node(1).address.to_vec()).unwrap();
	config.nodes = vec![(GT, node(1).peer_id.to_vec(), address)];
	ext_with(config);
}
