### The messages of `cadena` in English: errors, summaries and progress.
### Each has its Spanish in ../es/cadena.ftl, with the same variables (a
### test checks it). Keys are kebab-case, prefixed by the module that says
### them; `t!("key", name = value)` formats one (src/i18n.rs).
### The help of the commands is not here: English help is the doc comments,
### Spanish help is ../es/help.ftl.

## main.rs

main-error = error: { $error }
main-exported = { $count } certificates written to { $path }

## chain.rs: the node, the officer, transactions

chain-unencrypted = warning: { $url } is not encrypted and not on this machine: use wss:// (a TLS proxy in front of the node) so that nobody on the way reads or alters the answers
chain-no-answer = cannot reach the CADENA node at { $url }: no answer in 30 s
chain-cannot-reach = cannot reach the CADENA node at { $url }: { $why }
chain-not-cadena = the node at { $url } does not answer as a CADENA node
chain-spec-version = the node at { $url } runs spec version { $node }, and this cadena was built for spec version { $ours }
chain-no-chain-type = the node does not say what kind of chain it runs
chain-no-finalized = cannot read the latest finalized block
chain-api-failed = the node could not answer { $method }
chain-api-undecodable = cannot decode { $method }'s answer
chain-no-officers = cannot read the consortium's officers
chain-not-officer = the key { $account } is not an officer of any administration on this chain
chain-officer-undecodable = cannot decode the officer's record
# The roles, as officers know them.
role-admin = Admin
role-registrar = Registrar
role-approver = Approver
role-auditor = Auditor
chain-without-role = the key { $account } is an officer of { $country } without the { $roles } role
# Joins two role names: `Approver or Registrar`.
chain-either = { $first } or { $second }
chain-no-nonce = cannot read the officer's next nonce
chain-lost-progress = lost the transaction's progress
chain-events-undecodable = cannot decode the block's events
chain-undecodable-error = an undecodable error: { $why }
chain-subscription-closed = the node closed the transaction's subscription before finality
chain-refused = the chain refused it: { $error }
chain-pool-not-member = the node refused the transaction: the key is not an officer of an active member administration ({ $message })
chain-pool-refused = the node refused the transaction: { $message }
chain-no-pallet = the node's runtime has no { $pallet } pallet
chain-no-call = the node's runtime has no call { $call }
chain-different = the node's runtime has a different { $item }
chain-different-api = the node's runtime answers { $method } differently
chain-dry-run = dry run: { $call } weighs { $ref_time } ps and { $proof_size } bytes of proof; nothing sent
chain-finalized-in = { $call } finalized in block { $block }

## query.rs: verify and export

query-bad-country = { $text } is not an ISO 3166-1 alpha-2 country code ({ $why })
query-bad-tin = { $tin } is not a WCO TIN ({ $why })
query-unknown-partner-id = no TIN holds the partner identifier { $id }: the country named has not recorded it
query-recognised = RECOGNISED: { $country } recognises { $tin } as an AEO, by certificate { $certificate } under MRA { $mra }
query-not-recognised = NOT RECOGNISED: { $country } does not recognise { $tin }: { $why }
query-not-recognised-certificate = NOT RECOGNISED: { $country } does not recognise { $tin } (certificate { $certificate }): { $why }
query-no-reason = no reason given
query-at-block = at finalized block { $block } ({ $hash })
query-holder = holder: { $name }
query-suspended-until = its administration plans the suspension to end on { $date }
query-reason-unknown-certificate = the trader holds no AEO certificate on CADENA
query-reason-no-mra = no MRA has this country recognise the issuing country's certificates
query-reason-mra-not-in-force = the MRA is not in force yet: proposed, or waiting for its effective date
query-reason-mra-suspended = the MRA is suspended
query-reason-type-out-of-scope = the certificate's AEO type is outside the MRA's scope
query-reason-certificate-suspended = the certificate is suspended
query-reason-certificate-revoked = the certificate is revoked
query-reason-certificate-expired = the certificate has expired
query-reason-no-consent = the holder withdrew its consent to share its data
query-reason-issuer-not-active = the issuing administration is suspended or retired from CADENA
query-reason-holder-closed = the holder's TIN is closed
query-cannot-create = cannot create { $path }
export-unreadable = { $count } holders' confidential records are not { $country }'s to read (not entitled, or not shared yet): their names and addresses are empty

## import.rs

import-tin-of-other-country = { $tin } is a TIN of { $tin_country }; this key is an officer of { $country }
import-same-number = the same authorization number as { $first }
import-tin-data-differs = the TIN's data differs from { $first }
import-tin-closed = the TIN is closed on the chain
import-expiry-differs = the chain holds this certificate with expiry { $chain }, the file { $file }: renewing is an Approver's decision, not an import's
import-stopped = the import stopped at the transaction starting at { $place }; run the same command again to go on from there
import-batch-mismatch = the batch reported { $results } results for { $calls } calls
# indicatif's progress bar: the variables are its own placeholders.
import-progress = { $spinner } [{ $elapsed }] { $bar } { $pos }/{ $len } rows ({ $rate }, { $eta } left)
import-summary = { $file }: { $rows } rows in { $seconds } s, { $transactions } transactions
import-created = created
import-updated = updated
import-unchanged = unchanged
import-refused = refused
import-record-too-long = the confidential record is { $length } bytes, more than the { $max } an envelope holds
import-sealed = sealed
import-shared = wraps shared
import-confidential-refused = not sealed or shared
import-confidential-refusals = not sealed or shared:

## watch.rs

watch-cannot-resume = cannot resume from { $from } at { $url }: { $node }
    The changes since then cannot be replayed from this node. Point --url at a node that keeps them (an archive node), or accept the gap: move { $path } away and start again with --from-block set to the block to go on from.
watch-from-block = block { $block }
watch-from-start = its start
watch-from-next = the next finalized block
watch-cannot-read = cannot read { $path }
watch-not-a-state-file = { $path } is not a cadena watch state file
watch-other-country = { $path } follows { $theirs }, not { $ours }
watch-other-chain = { $path } follows the chain whose genesis is { $theirs }, and the node runs { $ours }: give another --state for this chain
watch-cannot-write = cannot write { $path }
watch-stopped = stopped; { $path } holds where to go on from
watch-resubscribing = the node at { $url } ended the subscription; resubscribing
watch-reconnecting = reconnecting to { $url } in { $seconds } s
watch-no-genesis = the node at { $url } does not give its genesis hash: { $why }
watch-no-finalized-head = the node at { $url } gives no finalized head: { $why }
watch-no-header = the node at { $url } gives no header: { $why }
watch-header-without-number = a header without a number
watch-header-not-hex = a header number that is not hex
watch-subscription-refused = the node at { $url } refused the subscription: { $why }
watch-watching = watching recognition changes for { $country } at { $url }, from { $from }
watch-silent = the node at { $url } sent nothing for { $seconds } s, not even the end of a block
watch-lost = lost the subscription: { $why }
watch-no-reason = no reason given
watch-ended = the node at { $url } ended the subscription: { $why }
watch-change-without-block = a change without its block
watch-change = block { $block }: { $country } { $number } { $before } -> { $after }
watch-benefits-changed = block { $block }: what { $recogniser } grants { $issuer }'s AEOs under MRA { $mra } changed: version { $version }, { $count } benefits
watch-continuity-declared = block { $block }: { $country } declared a business-continuity event: its continuity benefits apply
watch-continuity-ended = block { $block }: { $country } ended its business-continuity event
watch-recognised = recognised
watch-not-recognised = not recognised ({ $reason })
watch-not-a-url = { $url } is not a URL
watch-not-http = the webhook { $url } is neither http:// nor https://
watch-no-root-certificates = cannot load the system's root certificates
watch-dead-letter = webhook { $url } refused change { $change } { $refusals } times (HTTP { $status }): kept in { $path }, going on with the next
watch-refused = refused it: HTTP { $status } ({ $refusals } of { $max })
watch-answered = answered HTTP { $status }
watch-failed = failed: { $why }
watch-retrying = webhook { $url } { $failure }; retrying block { $block } in { $seconds } s
watch-no-answer = no answer in 10 s

## council.rs

council-no-members = cannot read the council's members
council-members-undecodable = cannot decode the council's members
council-no-motions = cannot read the council's motions
council-motions-undecodable = cannot decode the council's motions
council-votes-undecodable = cannot decode a motion's votes
council-call-undecodable = cannot decode a motion's call
council-no-motion = no open motion #{ $index }: `cadena council list` shows them
council-not-an-account = { $option } { $text } is not an SS58 account ({ $why })
council-cannot-read-declaration = cannot read the first node's declaration { $path }
council-declaration-not-json = { $path } is not the JSON `cadena-node declare-node` prints
council-declaration-lacks = no { $field } in { $path }
council-not-hex = { $field } is not hex
council-no-address = no address
council-signature-length = the signature is not 64 bytes
council-no-ed25519-key = the peer id carries no Ed25519 key
council-declaration-unsigned = the first node's declaration is not signed by its key for { $country } on this chain: run `cadena-node declare-node --country { $country }` with this chain's spec
council-peer-id-too-long = the peer id is too long
council-address-too-long = the address is too long
council-status-passes = has its ayes: close it to pass it
council-status-fails = cannot pass any more: close it to disapprove it
council-status-time-up = its time is up: close it (abstentions count as nays)
council-status-needs = needs { $more } more aye(s) of { $seats } seats
council-unknown-call = (unknown)
council-no-seat = the key { $account } holds no council seat: the council is the active members' primary admins
council-bad-encryption-key = --encryption-key is not 32 bytes of hex
council-cannot-read = cannot read { $path }
council-call-gone = the motion's call is gone from the chain
council-call-failed = the motion passed, but its call failed: { $event }
council-no-open-motion = no open motion
council-motion = #{ $index } { $call }: { $ayes } aye(s), { $nays } nay(s), { $threshold } needed of { $seats } seats; { $status } (ends at block { $end })

## register.rs: reading a national register

# Where a row is: a line of a CSV file or a row of a sheet, an entry of a JSON array.
register-line = line { $number }
register-entry = entry { $number }
register-old-workbook = { $path } is a .{ $extension } workbook: save it as .xlsx (Excel workbook) or as CSV
register-csv-options = --delimiter and --encoding are for CSV registers
register-sheet-option = --sheet is for .xlsx registers
register-cannot-read = cannot read register { $path }
register-not-json = { $path } is not a valid JSON register
register-not-xlsx = { $path } is not a valid .xlsx register
register-not-csv = { $path } is not a valid CSV register
register-utf16 = it is UTF-16 text ("Unicode text"): save it as "CSV UTF-8" instead
# $place is register-line.
register-not-utf8 = { $place } is not valid UTF-8; is the file Windows-1252 (--encoding windows-1252)?
register-values-columns = { $values } values where the header has { $columns } columns (a value holding `{ $delimiter }` must be in double quotes)
register-cell-error = `{ $column }` is an error cell ({ $value }): fix the sheet
register-cell-number = `{ $column }` { $value } is a number, and a leading zero may be lost: format the column as text
register-mixed-encoding = the file has UTF-8 accents and, at { $place }, bytes that are not UTF-8: save it in one encoding, or give --encoding
register-line-break = a value runs over several lines: a quote (`"`) is not closed, and the lines after it were read into this row
register-no-sheet = the workbook has no sheet
register-unknown-sheet = it has no sheet { $name }, only { $names }
register-sheet = sheet { $name }
register-not-an-array = expected an array of objects, one per certificate
register-missing-columns = missing column(s): { $columns } (see docs/register-format.md)
# A row's refusals name the column as the file does: `tin`, `consent`.
register-empty = `{ $column }` is empty
register-bad-tin = `tin` { $tin } is not a WCO TIN: { $why }
register-bad-number = `authorization_number` { $number } is not valid: { $why } (1 to 35 of A-Z, 0-9, - and /)
register-bad-consent = `consent` { $value } is neither yes nor no
register-bad-region = `region` { $region } is not an ISO 3166-2 subdivision code of { $country } (`{ $country }-` and 1 to 3 upper-case letters or digits)
register-expiry-not-after = `expires_on` is not after `authorized_on`
register-tin-empty = it is empty
register-tin-missing-national-id = the national identifier after the country code is missing
register-tin-too-long = the national identifier is longer than 15 characters
register-tin-lower-case = it has lower-case letters
register-tin-invalid-character = only A-Z and 0-9 may follow the country code
register-tin-unknown-country = it does not start with an ISO 3166-1 alpha-2 country code
register-bad-date = `{ $column }` { $text } is not a date (YYYY-MM-DD)
register-bad-row-date = `{ $column }` { $text } is not a date (YYYY-MM-DD or DD/MM/YYYY)
# `mra propose` replaces `aeo_type` with --scope: keep `aeo_type` as it is.
register-bad-aeo-type = `aeo_type` { $text } is not AEOS, AEOC or AEOF
register-unknown-role = `roles`: { $name } is not one of { $known }
register-no-role = `roles` names no role

## certificate.rs: grant, amend, suspend, reinstate, revoke, renew, history

certificate-not-a-number = { $number } is not an authorization number ({ $why })
certificate-unknown = { $country }-{ $number } is no certificate on this chain
certificate-needed-to-grant = { $option } is needed to grant a certificate
# $status (Active, Suspended…), $expires and $reason are data, as the chain gives them.
certificate-status = { $country }-{ $number }: { $status } since { $since } ms, expires on { $expires }, reason { $code } { $reason }
certificate-history-pruned = ({ $count } older entries pruned, digest { $digest })
certificate-history-by-chain = the chain
# $change is the action and the statuses as the chain names them: `Suspend Active -> Suspended`.
certificate-history-entry = block { $block }: { $change }, expires { $expires }, by { $by }, reason { $code } { $reason }

## keys.rs: the officer's key

keys-secret-on-command-line = a secret on the command line (--suri, --as) is refused outside a development chain: other users of the machine see it in `ps`, and it stays in the shell's history. Give --key-file (readable by its owner only) or set CADENA_SURI
# The $what of keys-cannot-read, keys-empty and keys-readable-by-others.
keys-key-file = key file
keys-password-file = password file
keys-password-file-for-plain = --password-file { $password_file } is given, but key file { $path } is a plain secret URI, not an encrypted keystore
keys-no-key = no officer key: give --suri, set CADENA_SURI, or give --key-file with the secret URI or a polkadot.js keystore
keys-invalid-secret-option = the key from --suri / CADENA_SURI is not a valid secret URI, mnemonic or hex seed
keys-invalid-secret-file = the key from key file { $path } is not a valid secret URI, mnemonic or hex seed
# A prompt: the answer is typed after it, on the same line.
keys-password-prompt = Password for the keystore { $path } ({ $label }):
keys-cannot-ask-password = cannot read the keystore's password from the terminal ({ $why }): give --password-file <PATH>
keys-no-terminal = keystore { $path } is encrypted and there is no terminal to ask for its password: give --password-file <PATH> (its first line, readable by its owner only) or set { $variable }
keys-not-json = key file { $path } is not valid JSON ({ $why })
keys-not-a-keystore = key file { $path } is JSON but not a polkadot.js keystore: it lacks `encoded`, `encoding` or `address`
keys-not-sr25519 = keystore { $path } holds an { $kind } key: cadena signs with sr25519 keys only. In the polkadot.js extension, create the officer's account with the sr25519 (Schnorrkel) type
keys-not-encrypted = keystore { $path } is not encrypted with a password (encoding type { $kind }): export the account again from the polkadot.js extension, with a password
keys-unsupported-format = keystore { $path } is not a polkadot.js sr25519 keystore that cadena reads (content { $content }, type { $kind }, version { $version }; expected ["pkcs8", "sr25519"], ["scrypt", "xsalsa20-poly1305"], version 3)
keys-too-short = keystore { $path } is damaged: its `encoded` secret is too short
keys-invalid-address = keystore { $path } has an invalid address { $address } ({ $why })
keys-wrong-password = wrong password for the keystore { $path }, or not a polkadot.js sr25519 keystore
keys-other-sr25519-key = keystore { $path } decrypts, but not to the sr25519 key of its address { $address }: the file was edited or is damaged
keys-scrypt-parameters = keystore { $path } uses scrypt parameters cadena does not accept (N { $n }, p { $p }, r { $r }): export it again from the polkadot.js extension
keys-unsupported-encoding = keystore { $path } is not a polkadot.js sr25519 keystore that cadena reads
keys-undecodable-secret = keystore { $path } is damaged: its `encoded` secret does not decode
keys-other-key = keystore { $path } decrypts, but not to the key of its address { $address }: the file was edited or is damaged
keys-password-file-empty = password file { $path } is empty: the password is its first line
keys-cannot-read = cannot read { $what } { $path }
keys-empty = { $what } { $path } is empty
keys-readable-by-others = { $what } { $path } may be read by other users (mode { $mode }): chmod 600 it

## tin.rs: the TIN registry

tin-not-yes-no = { $text } is not yes or no
tin-not-a-tin = { $text } is not a WCO TIN: { $why }
tin-not-an-account = { $text } is not an SS58 account ({ $why })
tin-needed-to-register = { $option } is needed to register a TIN
tin-needed-first-seal = { $tin } has no confidential record yet: { $option } is needed to seal its first version
tin-needed-unreadable = { $country } cannot open version { $version } of { $tin }'s record with this key (it holds no wrap of it for the key it publishes): { $option } is needed to seal it anew, whole
tin-field-empty = { $option } may not be empty
tin-bad-region = --region { $region } is not an ISO 3166-2 subdivision code of { $country } (`{ $country }-` and 1 to 3 upper-case letters or digits)
tin-nothing-to-update = nothing to update: give the record's fields that change (--legal-name, --city, …, with --encryption-key-file) or --consent
tin-update-needs-key = changing { $tin }'s record needs --encryption-key-file: the record is sealed, and names and addresses are never sent in plain
tin-share-failed = { $tin }'s record is sealed, but sharing it with the readers entitled to it failed ({ $why }): `cadena share` shares it later
tin-not-registered = { $tin } is not registered
tin-bad-signature = the request's signature is not 64 bytes of hex
tin-bad-partner-id = { $text } is not a partner identifier SCHEME:VALUE, upper case (`MID:MXAAAMAN1234GUA`): { $why }
tin-too-many-partner-ids = { $count } partner identifiers: at most 4
tin-account-not-linked = { $account } is linked to no TIN
tin-key-not-linked = the key { $account } is linked to no TIN: a trader asks its administration to link it first (`cadena tin link-request`)
tin-of-other-country = { $tin } is a TIN of { $tin_country }: a Registrar of { $country } registers only its own country's TINs
tin-no-linked-accounts = cannot read the TIN registry's linked accounts
tin-linked-undecodable = cannot decode a linked TIN
tin-no-link-nonce = cannot read the account's link nonce
tin-link-nonce-undecodable = cannot decode the link nonce
tin-cannot-write = cannot write { $path }
tin-cannot-read-request = cannot read the link request { $path }
tin-request-not-json = { $path } is not the JSON `cadena tin link-request` writes
# $state is tin-active or tin-closed; $consent tin-consent-given or tin-consent-withheld.
tin-record = { $tin }: { $state }, consent { $consent }
tin-active = active
tin-closed = closed
tin-consent-given = given
tin-consent-withheld = withheld

## mra.rs: mutual recognition arrangements

mra-not-a-direction = { $pair } is not ISSUER>RECOGNISER (`MX>CR`)
mra-too-many-directions = too many directions
mra-no-mras = cannot read the MRAs
mra-undecodable = cannot decode an MRA
mra-leaves-out-own = the parties { $parties } leave out the officer's own administration, { $country }
mra-scope-too-long = --scope names at most 3 types
mra-unknown = there is no MRA { $id }
mra-no-motion = MRA { $id } waits on no motion: there is nothing to sign
# $motion is the motion's name as `mra sign --motion` takes it: enter-into-force, resume, add-party PE.
mra-other-motion = MRA { $id } waits on the motion { $motion }, not the one named: read it (`cadena mra list`) and name it
# $status (proposed, in force, suspended, terminated) and $effective are data: they stay as --json gives them.
mra-line = MRA { $id } { $name }: { $status }, parties { $parties }, scope { $scope }, directions { $directions }, effective { $effective }
mra-waiting = waiting on { $motion }: signed by { $signed }, waiting for { $waiting_for }
mra-nobody = nobody
mra-benefits = { $recogniser } grants { $issuer }'s AEOs { $count } benefits (version { $version })
mra-benefits-scheduled = from { $on }: { $count } benefits, signed by both sides

## i18n.rs: clap's own words, Spanish only (English is clap's): these
## English entries say what each translates.

clap-usage = Usage
clap-commands = Commands
clap-command-value = COMMAND
clap-options = Options
clap-options-value = OPTIONS
clap-arguments = Arguments
clap-help = Print help
clap-help-short = Print help (see more with '--help')
clap-help-long = Print help (see a summary with '-h')
clap-version = Print version
clap-help-command = Print this message or the help of the given subcommand(s)
clap-help-subcommand = Print help for the subcommand(s)
clap-aliases = [aliases: { $aliases }]
clap-env = [env: { $name }]
clap-default = [default: { $value }]
clap-possible-values = [possible values: { $values }]
clap-unknown-argument = unexpected argument '{ $arg }' found
clap-unknown-subcommand = unrecognized subcommand '{ $command }'
clap-value-missing = a value is required for '{ $arg }' but none was supplied
clap-invalid-value = invalid value '{ $value }' for '{ $arg }'
clap-missing-arguments = the following required arguments were not provided:
clap-missing-subcommand = '{ $command }' requires a subcommand but one was not provided
clap-repeated = the argument '{ $arg }' cannot be used multiple times
clap-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
clap-unexpected-value = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
clap-no-equals = equal sign is needed when assigning values to '{ $arg }'
clap-tip-subcommand = { $count ->
        [one] tip: a similar subcommand exists: { $similar }
       *[other] tip: some similar subcommands exist: { $similar }
    }
clap-tip-argument = { $count ->
        [one] tip: a similar argument exists: { $similar }
       *[other] tip: some similar arguments exist: { $similar }
    }
clap-tip-value = { $count ->
        [one] tip: a similar value exists: { $similar }
       *[other] tip: some similar values exist: { $similar }
    }
clap-more-information = For more information, try '--help'.

## encryption.rs

encryption-cannot-write = cannot write the encryption key { $path }: { $why }
encryption-cannot-read = cannot read the encryption key { $path }: { $why }
encryption-exposed = the key file { $path } may be read by others than its owner (mode { $mode }): make it private with `chmod 600 { $path }`
encryption-zero-key = the encryption key's public key is all zeros
encryption-public-key = public encryption key: { $key }

## confidential.rs: show, share, and the records an import seals

confidential-bad-reader = { $text } is neither a country code nor an SS58 account
confidential-wrong-key = the key file { $path } is not the one the wrap was made for: the wrap is for the public key { $wrap_key }, the file's is { $file_key }
confidential-cannot-open = { $tin }'s record does not open: { $why }
confidential-never-sealed = { $tin } has no confidential record: it was never sealed
confidential-not-entitled = { $reader } is not entitled to read { $tin }'s record: ciphertext only
confidential-not-shared = { $reader } is entitled to read { $tin }'s record, but the issuing administration has not shared it yet (its `cadena share` does)
confidential-heading = { $tin }: confidential record, version { $version }
confidential-legal-name = legal name
confidential-trade-name = trade name
confidential-street = street
confidential-city = city
confidential-postal-code = postal code
confidential-region = region
confidential-contact-point = contact point
confidential-email = e-mail
confidential-phone = phone
confidential-no-published-key = { $country } has published no encryption key: its Admin publishes one first (`cadena encryption-key publish`)
confidential-not-published-key = the key file { $path } is not { $country }'s published encryption key: { $country } published { $published }, the file's public key is { $file_key }
confidential-cannot-seal = cannot seal { $tin }'s record: { $why }
confidential-no-own-wrap = { $country } holds no wrap of { $tin }'s record for the key it publishes: seal it again with `cadena import --encryption-key-file` or `cadena tin update` with every field
confidential-too-large = more than the runtime takes in one call ({ $why })
share-summary = wraps added: { $wraps }, to { $records } records, in { $transactions } transactions
share-refused = { $tin }, version { $version }: { $why }
share-refused-for = for { $readers }: { $why }
share-stopped = the share pass stopped; run it again to go on
share-retrying = the transaction did not go through ({ $why }); sending it again
certificate-reason-needs-key = a reason's text is sealed for the readers of the holder's record: give the administration's --encryption-key-file (or send the code alone)
certificate-reason-no-record = { $tin }'s record is not sealed: a reason's text is sealed under it (seal it with `cadena import --encryption-key-file` or `cadena tin update`), or send the code alone
certificate-reason-cannot-seal = cannot seal the reason: { $why }
certificate-reason-sealed = (sealed)

## benefits.rs: benefits and decide

benefits-cannot-read = cannot read the benefits file { $path }
benefits-not-json = { $path } is not a benefits file: a direction `{"{"}"issuer", "recogniser", "grants"{"}"}` (or a list of them for a proposal), grants as the node's RPC writes them (docs/benefits.md)
benefits-too-many = { $count } grants for one direction: at most 32
benefit-risk-factor = the AEO status taken as a risk factor
benefit-risk-score-reduction = a lower risk score
benefit-fewer-physical-controls = fewer physical controls
benefit-fewer-documentary-controls = fewer documentary controls
benefit-priority-if-selected = priority if selected for a control
benefit-priority-clearance = priority clearance
benefit-business-continuity = business continuity: trade resumes first after a disruption
benefit-partner-recognition = recognised as a secure partner in validations
benefit-no-redundant-validation = no redundant validation
benefit-prior-notification = prior notification of controls
benefit-choice-of-place = choice of the place of control
benefit-reduced-data-set = a reduced data set
benefit-fast-lane = the fast lane
benefit-national = national benefit { $code }
benefit-side-import = at import
benefit-side-export = at export
benefit-side-transit = in transit
benefit-rate-cap = at most { $rate } per mille
benefit-score-delta = by { $delta }
benefit-parameter = parameter { $value }
benefit-grant = { $benefit }, { $side }, for { $roles } ({ $types })
benefit-during-continuity = only during a business-continuity event
benefit-from = benefits { $recogniser } grants { $issuer }'s AEOs under MRA { $mra } (version { $version }):
benefit-none = none
decide-not-a-party = { $text } is not a party: ROLE=TIN, one role as in the register format (`exporter=MXAAA010101AAA`)
decide-refused = the node did not answer the decision
decide-header = Declaration in { $country }, { $side }, at finalized block { $block } ({ $hash }):
decide-recognised = { $party }: RECOGNISED, by certificate { $certificate }
decide-not-recognised = { $party }: NOT RECOGNISED: { $why }
decide-union = { $count } benefits apply to the declaration. These are inputs for the risk engine, not a lane.
