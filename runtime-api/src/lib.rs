//! CADENA's runtime API: what a customs integrator asks the chain, answered
//! by the runtime at any block. The node serves it as `cadena_*` JSON-RPC.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use cadena_primitives::{
	Action, AeoType, AuthorizationNumber, CertificateId, CertificateStatus, CountryCode, Day,
	DirectionBenefits, Directions, Grant, MemberStatus, MraId, MraStatus, OperatorRole,
	OperatorRoles, Parties, PartnerId, PartyRef, Recognition, Roles, Scope, Side, Tin,
};
use codec::{Codec, Decode, Encode};
use scale_info::TypeInfo;

/// A certificate, as the API shows it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct CertificateView {
	/// Issuing country and authorization number.
	pub id: CertificateId,
	/// The holder's TIN.
	pub holder: Tin,
	/// Security and safety, customs simplifications, or both.
	pub aeo_type: AeoType,
	/// The holder's roles in the supply chain.
	pub roles: OperatorRoles,
	/// Date of authorization (days since 1970-01-01).
	pub authorized_on: Day,
	/// Expiry or next revalidation date (days since 1970-01-01).
	pub expires_on: Day,
	/// Its status.
	pub status: CertificateStatus,
	/// Since when (ms since the Unix epoch).
	pub status_since: u64,
	/// The reason code of its status.
	pub reason_code: u16,
	/// The reason text.
	pub reason: Vec<u8>,
}

/// One entry of a certificate's history.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct HistoryEntryView<AccountId> {
	/// What was done.
	pub action: Action,
	/// The status before (none when granted).
	pub from: Option<CertificateStatus>,
	/// The status after.
	pub to: CertificateStatus,
	/// The expiry date after.
	pub expires_on: Day,
	/// The officer; none for an expiry.
	pub by: Option<AccountId>,
	/// The block number.
	pub block: u32,
	/// The time (ms since the Unix epoch).
	pub at: u64,
	/// The reason code.
	pub reason_code: u16,
	/// The reason text.
	pub reason: Vec<u8>,
}

/// A certificate's history: the entries in storage, and the hash chain over
/// the older ones pruned.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct HistoryView<AccountId> {
	/// Entries pruned from storage.
	pub pruned: u32,
	/// The hash chain over them.
	pub pruned_digest: [u8; 32],
	/// The latest entries, oldest first.
	pub entries: Vec<HistoryEntryView<AccountId>>,
}

/// An MRA, as the API shows it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct MraView {
	/// Its number.
	pub id: MraId,
	/// Its name or reference.
	pub name: Vec<u8>,
	/// The parties.
	pub parties: Parties,
	/// The AEO types recognised.
	pub scope: Scope,
	/// `(issuer, recogniser)` pairs.
	pub directions: Directions,
	/// The day it takes effect.
	pub effective_on: Day,
	/// Its status.
	pub status: MraStatus,
	/// The parties that signed the motion waiting, if one waits.
	pub signed: Vec<CountryCode>,
}

/// The recognition of a TIN: of its best certificate.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct TinRecognition {
	/// The answer; `UnknownCertificate` when the TIN holds none.
	pub recognition: Recognition,
	/// The certificate the answer is about.
	pub certificate: Option<CertificateId>,
}

/// A page of the certificates a country recognises.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct RecognisedPage {
	/// The certificates recognised among those examined.
	pub certificates: Vec<CertificateView>,
	/// Where the next page starts; none at the end.
	pub next: Option<CertificateId>,
}

/// What a block changed that may change recognition.
#[derive(Clone, PartialEq, Eq, Debug, Default, Encode, Decode, TypeInfo)]
pub struct BlockChanges {
	/// The certificates granted, changed or expired, with the event.
	pub certificates: Vec<CertificateChange>,
	/// Certificates whose holder gave or withdrew consent, or whose TIN was
	/// closed or reopened.
	pub consent: Vec<CertificateId>,
	/// The parties of each MRA that changed status or parties, or one of
	/// whose parties was suspended, reinstated or retired: each party's
	/// certificates may have changed recognition in the others.
	pub mras: Vec<Parties>,
}

/// A certificate's change, as its event told it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct CertificateChange {
	/// The certificate.
	pub id: CertificateId,
	/// Its holder.
	pub holder: Tin,
	/// Its AEO type.
	pub aeo_type: AeoType,
	/// What was done.
	pub action: Action,
	/// The status before (none when granted).
	pub from: Option<CertificateStatus>,
	/// The status after.
	pub to: CertificateStatus,
	/// The expiry date.
	pub expires_on: Day,
	/// The reason code.
	pub reason_code: u16,
	/// The reason text.
	pub reason: Vec<u8>,
}

/// A trader's registry record, as the API shows it: what recognition
/// reads. Its name and address are in its confidential record
/// (`confidential_record`), sealed; version 3 showed them in plain.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct TraderView {
	/// The TIN.
	pub tin: Tin,
	/// Registered and in use (not closed).
	pub active: bool,
	/// Whether the trader consents to share its data with MRA partners.
	pub consent: bool,
}

/// A member administration, as the API shows it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct MemberView<AccountId> {
	/// Its country.
	pub country: CountryCode,
	/// Its name.
	pub name: Vec<u8>,
	/// Active, suspended or retired.
	pub status: MemberStatus,
	/// Its primary admin: its council seat.
	pub admin: AccountId,
	/// Its validator account.
	pub validator: AccountId,
	/// The X25519 key its partners encrypt to, if set.
	pub encryption_key: Option<[u8; 32]>,
	/// Its officers with their roles, the primary admin included.
	pub officers: Vec<(AccountId, Roles)>,
	/// The block in which its status last changed.
	pub since: u32,
}

/// A node member nodes connect to: declared by an active member.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct NodeView {
	/// The administration that runs it.
	pub country: CountryCode,
	/// Its libp2p peer id, as the bytes of its multihash.
	pub peer_id: Vec<u8>,
	/// Where it listens: a multiaddr as text, without `/p2p/`.
	pub address: Vec<u8>,
}

/// Who reads a confidential record (as `pallet-confidential` stores it).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub enum ReaderView<AccountId> {
	/// A member administration, by its country.
	Administration(CountryCode),
	/// A trader's linked account.
	Account(AccountId),
}

/// A reader's wrap of a record's data key, and the key it was made for.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct WrapView {
	/// The reader's X25519 public key.
	pub key: [u8; 32],
	/// HPKE's encapsulated key (32) and the sealed data key (48).
	pub wrap: [u8; 80],
}

/// A confidential record as one reader sees it: the ciphertext everyone
/// sees, and the reader's wrap if it is entitled and holds one.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ConfidentialView {
	/// The record's version (bound into the ciphertext).
	pub version: u32,
	/// `nonce (12) || ciphertext || tag (16)`.
	pub ciphertext: Vec<u8>,
	/// The reader's wrap; none when the reader is not entitled now, holds
	/// no wrap yet, or holds one made for a key it no longer publishes.
	pub wrap: Option<WrapView>,
	/// Whether the reader is entitled to the record now (with a published
	/// key): entitled without a wrap means the issuer has yet to share it.
	pub entitled: bool,
}

/// A record some entitled readers hold no usable wrap of.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct MissingWraps<AccountId> {
	/// The TIN.
	pub tin: Tin,
	/// The record's current version.
	pub version: u32,
	/// The readers, each with the key to wrap for.
	pub readers: Vec<(ReaderView<AccountId>, [u8; 32])>,
}

/// A page of [`MissingWraps`], and where the next page starts.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct MissingWrapsPage<AccountId> {
	/// The records of this page that miss wraps (records that miss none
	/// are not listed, so a page may be empty and still have a next).
	pub records: Vec<MissingWraps<AccountId>>,
	/// The cursor of the next page: the last record looked at.
	pub next: Option<Tin>,
}

/// Most items any one answer holds.
pub const MAX_PAGE: u32 = 1_000;

/// Most parties one declaration's decision answers for.
pub const MAX_DECLARED_PARTIES: u32 = 16;

/// The benefits that apply to a recognised certificate, and where they come
/// from: what `recogniser` grants `issuer`'s AEOs under MRA `mra`, at
/// version `version` of that direction's set.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct BenefitsView {
	/// The MRA the certificate is recognised under.
	pub mra: MraId,
	/// The issuing country.
	pub issuer: CountryCode,
	/// The recognising country: who grants them.
	pub recogniser: CountryCode,
	/// The version of the direction's set (0: none agreed yet).
	pub version: u32,
	/// The grants that apply, in the set's order.
	pub grants: Vec<Grant>,
}

/// A recognition answer with its benefits.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct RecognitionView {
	/// The certificate the answer is about (none when a TIN holds none).
	pub certificate: Option<CertificateId>,
	/// The answer, with the reason when not recognised.
	pub recognition: Recognition,
	/// The benefits, when recognised under an MRA: filtered by the
	/// certificate's AEO type and roles, on every side. None otherwise (a
	/// country's own certificates carry no MRA's benefits).
	pub benefits: Option<BenefitsView>,
	/// When the certificate is suspended: the day its administration plans
	/// the suspension to end, if it said.
	pub suspended_until: Option<Day>,
}

/// One party of a declaration, as its decision answers it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct PartyDecision {
	/// The role declared.
	pub role: OperatorRole,
	/// The party, as asked: a TIN or an issuer's partner identifier.
	pub party: PartyRef,
	/// Its TIN; none when a partner identifier names nobody.
	pub tin: Option<Tin>,
	/// Whether the declaring country recognises it, and why not.
	pub recognition: RecognitionView,
}

/// The inputs a risk engine gets for a declaration: never a lane.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct Decision {
	/// The country the declaration is lodged in: the recogniser.
	pub declaring: CountryCode,
	/// The side of the border.
	pub side: Side,
	/// Each party, in the order asked, with the grants that apply to it in
	/// the role declared on this side.
	pub parties: Vec<PartyDecision>,
	/// Every grant that applies to some party, sorted, once each.
	pub union: Vec<Grant>,
}

/// What a block changed in the benefits recognition carries.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub enum BenefitsChange {
	/// What `recogniser` grants `issuer`'s AEOs under MRA `mra` is now
	/// `grants`, at `version`.
	Amended {
		/// The MRA.
		mra: MraId,
		/// The issuing country.
		issuer: CountryCode,
		/// The recognising country.
		recogniser: CountryCode,
		/// The direction's new version.
		version: u32,
		/// The grants.
		grants: Vec<Grant>,
	},
	/// `country` declared (or ended) a business-continuity event: its
	/// grants on that condition apply (or no longer do).
	Continuity {
		/// The recognising country.
		country: CountryCode,
		/// Declared, or ended.
		declared: bool,
	},
}

/// One direction's benefits under an MRA.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct DirectionBenefitsView {
	/// The issuing country.
	pub issuer: CountryCode,
	/// The recognising country.
	pub recogniser: CountryCode,
	/// Its set, with its version.
	pub benefits: DirectionBenefits,
	/// An amendment both sides signed, waiting for its day.
	pub scheduled: Option<(Day, Vec<Grant>)>,
}

sp_api::decl_runtime_apis! {
	/// CADENA's questions, answered at a block.
	///
	/// Version 2 (runtime 102) added `member`; version 3 (runtime 104)
	/// added `today`, `awaiting_expiry` and `authorized_nodes`; version 4
	/// (runtime 107) `confidential_record` and `missing_wraps`; version 5
	/// (runtime 108) `reason_version` and `partners_of`; version 6 (runtime
	/// 110) the benefits: `recognitions`, `tin_recognition`, `decision`,
	/// `benefits_of_mra`, `continuity`, `benefit_changes` and `tin_of_partner`.
	#[api_version(3)]
	pub trait CadenaApi<AccountId: Codec> {
		/// Whether `reader` recognises `tin` now: through its best
		/// certificate, with the reason when it does not.
		fn recognition_of_tin(tin: Tin, reader: CountryCode) -> TinRecognition;
		/// Whether `reader` recognises each certificate now (at most `MAX_PAGE`).
		fn recognition_of_certificates(ids: Vec<CertificateId>, reader: CountryCode) -> Vec<Recognition>;
		/// A certificate.
		fn certificate(id: CertificateId) -> Option<CertificateView>;
		/// Each of these certificates, if it exists (at most `MAX_PAGE`).
		fn certificates(ids: Vec<CertificateId>) -> Vec<Option<CertificateView>>;
		/// Each of these TINs' registry record, if registered (at most
		/// `MAX_PAGE`). Since version 4 without name or address.
		fn traders(tins: Vec<Tin>) -> Vec<Option<TraderView>>;
		/// The certificates of a TIN (at most `MAX_PAGE`).
		fn certificates_of(tin: Tin) -> Vec<CertificateView>;
		/// A certificate's history.
		fn history(id: CertificateId) -> Option<HistoryView<AccountId>>;
		/// The MRAs `country` is party to.
		fn mras_of(country: CountryCode) -> Vec<MraView>;
		/// The certificates `reader` recognises, examining at most `limit`
		/// (1 to `MAX_PAGE`; 0 counts as 1) from `cursor` on.
		fn recognised_by(reader: CountryCode, cursor: Option<CertificateId>, limit: u32) -> RecognisedPage;
		/// Up to `limit` (≤ `MAX_PAGE`) of `country`'s certificate numbers after `cursor`,
		/// and the cursor of the next page.
		fn certificates_issued_by(country: CountryCode, cursor: Option<AuthorizationNumber>, limit: u32) -> (Vec<AuthorizationNumber>, Option<AuthorizationNumber>);
		/// What this block changed that may change recognition.
		fn block_changes() -> BlockChanges;
		/// A member administration, with its officers.
		fn member(country: CountryCode) -> Option<MemberView<AccountId>>;
		/// The chain's day at this block: its timestamp's, the day the
		/// recognition rule and the expiry hook use.
		#[api_version(3)]
		fn today() -> Day;
		/// Up to `limit` (≤ `MAX_PAGE`) certificates still waiting to expire on
		/// `day` after `cursor`, and the cursor of the next page. A block whose
		/// day is later than its parent's changes the recognition of those
		/// waiting on the days between, with or without an `Expire` event.
		#[api_version(3)]
		fn awaiting_expiry(day: Day, cursor: Option<CertificateId>, limit: u32) -> (Vec<CertificateId>, Option<CertificateId>);
		/// The nodes member nodes connect to: those the active members
		/// declared (at most `MaxMembers × MaxNodesPerMember`).
		#[api_version(3)]
		fn authorized_nodes() -> Vec<NodeView>;
		/// `tin`'s confidential record as `reader` sees it: the ciphertext,
		/// and its wrap while it is entitled to it with the key it was
		/// made for. None when the record was never sealed.
		#[api_version(4)]
		fn confidential_record(tin: Tin, reader: ReaderView<AccountId>) -> Option<ConfidentialView>;
		/// The records of `issuer` after `cursor` (up to `limit` of them
		/// looked at) whose entitled readers hold no usable wrap: what the
		/// issuer's `cadena share` wraps for them.
		#[api_version(4)]
		fn missing_wraps(issuer: CountryCode, cursor: Option<Tin>, limit: u32) -> MissingWrapsPage<AccountId>;
		/// The version of `tin`'s record a free-text reason about its
		/// certificates may be sealed under now (with that version's data
		/// key): none when the record is not sealed, or must be sealed
		/// again first (a reader lost it since it was).
		#[api_version(5)]
		fn reason_version(tin: Tin) -> Option<u32>;
		/// The other administrations entitled to the record of each of
		/// `issuer`'s consenting traders now, with the keys they publish:
		/// the active members recognising the issuer's certificates under
		/// an MRA in force, not being revoked. What `cadena import` wraps a
		/// new record for, beside the issuer.
		#[api_version(5)]
		fn partners_of(issuer: CountryCode) -> Vec<(CountryCode, [u8; 32])>;
		/// Whether `reader` recognises each certificate now (at most
		/// `MAX_PAGE`), with the benefits that apply.
		#[api_version(6)]
		fn recognitions(ids: Vec<CertificateId>, reader: CountryCode) -> Vec<RecognitionView>;
		/// Whether `reader` recognises `tin` now, through its best
		/// certificate, with the benefits that apply.
		#[api_version(6)]
		fn tin_recognition(tin: Tin, reader: CountryCode) -> RecognitionView;
		/// The decision's inputs for a declaration lodged in `declaring`, on
		/// `side`, with up to `MAX_DECLARED_PARTIES` parties as (role
		/// declared, TIN or partner identifier): for each, whether it is recognised and the
		/// grants that apply to it in that role; and their union.
		#[api_version(6)]
		fn decision(declaring: CountryCode, side: Side, parties: Vec<(OperatorRole, PartyRef)>) -> Decision;
		/// The TIN `issuer` recorded the partner identifier `id` for.
		#[api_version(6)]
		fn tin_of_partner(issuer: CountryCode, id: PartnerId) -> Option<Tin>;
		/// Every direction's benefits under MRA `mra`.
		#[api_version(6)]
		fn benefits_of_mra(mra: MraId) -> Vec<DirectionBenefitsView>;
		/// Whether `country` has declared a business-continuity event.
		#[api_version(6)]
		fn continuity(country: CountryCode) -> bool;
		/// What this block changed in the benefits: amendments applied, and
		/// business-continuity events declared or ended.
		#[api_version(6)]
		fn benefit_changes() -> Vec<BenefitsChange>;
	}
}
