### Los mensajes de `cadena` en español (América Latina): errores,
### resúmenes y avance. Cada uno traduce el de ../en/cadena.ftl, con las
### mismas variables (una prueba lo comprueba).
### Términos: OEA (operador económico autorizado, en inglés AEO), ARM
### (acuerdo de reconocimiento mutuo, en inglés MRA), TIN (número de
### identificación tributaria del operador, en el formato de la OMA),
### administración aduanera, funcionario, certificado. Se trata de usted.
### Los roles se nombran en español (Administrador, Registrador, Aprobador,
### Auditor); los nombres de llamadas y de errores del runtime
### (`AeoCertificates.AlreadySuspended`) quedan como los da la cadena.

## main.rs

main-error = error: { $error }
main-exported = { $count ->
    [one] 1 certificado escrito en { $path }
   *[other] { $count } certificados escritos en { $path }
    }

## chain.rs: el nodo, el funcionario, las transacciones

chain-unencrypted = advertencia: { $url } no está cifrado y no está en esta máquina: use wss:// (un proxy TLS delante del nodo) para que nadie en el camino lea ni altere las respuestas
chain-no-answer = no se puede conectar con el nodo CADENA en { $url }: sin respuesta en 30 s
chain-cannot-reach = no se puede conectar con el nodo CADENA en { $url }: { $why }
chain-not-cadena = el nodo en { $url } no responde como un nodo CADENA
chain-spec-version = el nodo en { $url } ejecuta la versión { $node } del runtime, y este cadena se compiló para la versión { $ours }
chain-no-chain-type = el nodo no indica qué tipo de cadena ejecuta
chain-no-finalized = no se puede leer el último bloque finalizado
chain-api-failed = el nodo no pudo responder { $method }
chain-api-undecodable = no se puede decodificar la respuesta de { $method }
chain-no-officers = no se pueden leer los funcionarios del consorcio
chain-not-officer = la clave { $account } no es de un funcionario de ninguna administración aduanera en esta cadena
chain-officer-undecodable = no se puede decodificar el registro del funcionario
role-admin = Administrador
role-registrar = Registrador
role-approver = Aprobador
role-auditor = Auditor
chain-without-role = la clave { $account } es de un funcionario de { $country } sin el rol { $roles }
chain-either = { $first } o { $second }
chain-no-nonce = no se puede leer el siguiente nonce del funcionario
chain-lost-progress = se perdió el seguimiento de la transacción
chain-events-undecodable = no se pueden decodificar los eventos del bloque
chain-undecodable-error = un error que no se puede decodificar: { $why }
chain-subscription-closed = el nodo cerró la suscripción a la transacción antes de su finalidad
chain-refused = la cadena lo rechazó: { $error }
chain-pool-not-member = el nodo rechazó la transacción: la clave no es de un funcionario de una administración aduanera miembro activa ({ $message })
chain-pool-refused = el nodo rechazó la transacción: { $message }
chain-no-pallet = el runtime del nodo no tiene el pallet { $pallet }
chain-no-call = el runtime del nodo no tiene la llamada { $call }
chain-different = el runtime del nodo tiene otro { $item }
chain-different-api = el runtime del nodo responde { $method } de otra manera
chain-dry-run = simulación: { $call } pesa { $ref_time } ps y { $proof_size } bytes de prueba; no se envió nada
chain-finalized-in = { $call } finalizada en el bloque { $block }

## query.rs: verify y export

query-bad-country = { $text } no es un código de país ISO 3166-1 alfa-2 ({ $why })
query-bad-tin = { $tin } no es un TIN de la OMA ({ $why })
query-unknown-partner-id = ningún TIN tiene el identificador de socio { $id }: el país indicado no lo registró
query-recognised = RECONOCIDO: { $country } reconoce a { $tin } como OEA, por el certificado { $certificate } en virtud del ARM { $mra }
query-not-recognised = NO RECONOCIDO: { $country } no reconoce a { $tin }: { $why }
query-not-recognised-certificate = NO RECONOCIDO: { $country } no reconoce a { $tin } (certificado { $certificate }): { $why }
query-no-reason = sin motivo indicado
query-at-block = en el bloque finalizado { $block } ({ $hash })
query-holder = titular: { $name }
query-suspended-until = su administración prevé que la suspensión termine el { $date }
query-reason-unknown-certificate = el operador no tiene ningún certificado OEA en CADENA
query-reason-no-mra = ningún ARM hace que este país reconozca los certificados del país emisor
query-reason-mra-not-in-force = el ARM todavía no está en vigor: está propuesto, o a la espera de su fecha de entrada en vigor
query-reason-mra-suspended = el ARM está suspendido
query-reason-type-out-of-scope = el tipo OEA del certificado está fuera del alcance del ARM
query-reason-certificate-suspended = el certificado está suspendido
query-reason-certificate-revoked = el certificado está revocado
query-reason-certificate-expired = el certificado está vencido
query-reason-no-consent = el titular retiró su consentimiento para compartir sus datos
query-reason-issuer-not-active = la administración aduanera emisora está suspendida o retirada de CADENA
query-reason-holder-closed = el TIN del titular está cerrado
query-cannot-create = no se puede crear { $path }
export-unreadable = { $count } registros confidenciales de titulares no son legibles para { $country } (sin derecho, o aún no compartidos): sus nombres y domicilios quedan vacíos

## import.rs

import-tin-of-other-country = { $tin } es un TIN de { $tin_country }; esta clave es de un funcionario de { $country }
import-same-number = el mismo número de autorización que { $first }
import-tin-data-differs = los datos del TIN difieren de { $first }
import-tin-closed = el TIN está cerrado en la cadena
import-expiry-differs = la cadena tiene este certificado con vencimiento { $chain } y el archivo con { $file }: renovarlo es una decisión de un Aprobador, no de una importación
import-stopped = la importación se detuvo en la transacción que empieza en { $place }; ejecute de nuevo el mismo comando para continuar desde ahí
import-batch-mismatch = el lote informó { $results } resultados para { $calls } llamadas
import-progress = { $spinner } [{ $elapsed }] { $bar } { $pos }/{ $len } filas ({ $rate }, faltan { $eta })
import-summary = { $file }: { $rows } filas en { $seconds } s, { $transactions ->
    [one] 1 transacción
   *[other] { $transactions } transacciones
    }
import-created = creados
import-updated = actualizados
import-unchanged = sin cambios
import-refused = rechazados
import-record-too-long = el registro confidencial ocupa { $length } bytes, más de los { $max } que caben en un sobre
import-sealed = sellados
import-shared = envoltorios compartidos
import-confidential-refused = sin sellar o compartir
import-confidential-refusals = sin sellar o compartir:

## watch.rs

watch-cannot-resume = no se puede reanudar desde { $from } en { $url }: { $node }
    Los cambios desde entonces no se pueden reproducir desde este nodo. Apunte --url a un nodo que los conserve (un nodo de archivo), o acepte el hueco: mueva { $path } a otro lugar y empiece de nuevo con --from-block en el bloque desde el que quiere continuar.
watch-from-block = el bloque { $block }
watch-from-start = su inicio
watch-from-next = el siguiente bloque finalizado
watch-cannot-read = no se puede leer { $path }
watch-not-a-state-file = { $path } no es un archivo de estado de cadena watch
watch-other-country = { $path } sigue a { $theirs }, no a { $ours }
watch-other-chain = { $path } sigue la cadena cuyo génesis es { $theirs }, y el nodo ejecuta { $ours }: indique otro --state para esta cadena
watch-cannot-write = no se puede escribir { $path }
watch-stopped = detenido; { $path } guarda desde dónde continuar
watch-resubscribing = el nodo en { $url } terminó la suscripción; suscribiendo de nuevo
watch-reconnecting = reconectando con { $url } en { $seconds } s
watch-no-genesis = el nodo en { $url } no da el hash de su génesis: { $why }
watch-no-finalized-head = el nodo en { $url } no da su último bloque finalizado: { $why }
watch-no-header = el nodo en { $url } no da la cabecera: { $why }
watch-header-without-number = una cabecera sin número
watch-header-not-hex = un número de cabecera que no es hexadecimal
watch-subscription-refused = el nodo en { $url } rechazó la suscripción: { $why }
watch-watching = siguiendo los cambios de reconocimiento de { $country } en { $url }, desde { $from }
watch-silent = el nodo en { $url } no envió nada en { $seconds } s, ni siquiera el fin de un bloque
watch-lost = se perdió la suscripción: { $why }
watch-no-reason = sin motivo indicado
watch-ended = el nodo en { $url } terminó la suscripción: { $why }
watch-change-without-block = un cambio sin su bloque
watch-change = bloque { $block }: { $country } { $number } { $before } -> { $after }
watch-benefits-changed = bloque { $block }: cambió lo que { $recogniser } otorga a los OEA de { $issuer } en virtud del ARM { $mra }: versión { $version }, { $count } beneficios
watch-continuity-declared = bloque { $block }: { $country } declaró un evento de continuidad del negocio: se aplican sus beneficios de continuidad
watch-continuity-ended = bloque { $block }: { $country } terminó su evento de continuidad del negocio
watch-recognised = reconocido
watch-not-recognised = no reconocido ({ $reason })
watch-not-a-url = { $url } no es una URL
watch-not-http = el webhook { $url } no es ni http:// ni https://
watch-no-root-certificates = no se pueden cargar los certificados raíz del sistema
watch-dead-letter = el webhook { $url } rechazó el cambio { $change } { $refusals } veces (HTTP { $status }): se guardó en { $path }, se continúa con el siguiente
watch-refused = lo rechazó: HTTP { $status } ({ $refusals } de { $max })
watch-answered = respondió HTTP { $status }
watch-failed = falló: { $why }
watch-retrying = webhook { $url }: { $failure }; se reintenta el bloque { $block } en { $seconds } s
watch-no-answer = sin respuesta en 10 s

## council.rs

council-no-members = no se pueden leer los miembros del consejo
council-members-undecodable = no se pueden decodificar los miembros del consejo
council-no-motions = no se pueden leer las mociones del consejo
council-motions-undecodable = no se pueden decodificar las mociones del consejo
council-votes-undecodable = no se pueden decodificar los votos de una moción
council-call-undecodable = no se puede decodificar la llamada de una moción
council-no-motion = no hay ninguna moción abierta n.º { $index }: `cadena council list` las muestra
council-not-an-account = { $option } { $text } no es una cuenta SS58 ({ $why })
council-cannot-read-declaration = no se puede leer la declaración del primer nodo { $path }
council-declaration-not-json = { $path } no es el JSON que imprime `cadena-node declare-node`
council-declaration-lacks = falta { $field } en { $path }
council-not-hex = { $field } no es hexadecimal
council-no-address = falta la dirección
council-signature-length = la firma no tiene 64 bytes
council-no-ed25519-key = el peer id no lleva una clave Ed25519
council-declaration-unsigned = la declaración del primer nodo no está firmada por su clave para { $country } en esta cadena: ejecute `cadena-node declare-node --country { $country }` con la especificación de esta cadena
council-peer-id-too-long = el peer id es demasiado largo
council-address-too-long = la dirección es demasiado larga
council-status-passes = tiene sus votos a favor: ciérrela para aprobarla
council-status-fails = ya no puede aprobarse: ciérrela para rechazarla
council-status-time-up = se le acabó el tiempo: ciérrela (las abstenciones cuentan como votos en contra)
council-status-needs = { $more ->
    [one] necesita 1 voto a favor más de { $seats } escaños
   *[other] necesita { $more } votos a favor más de { $seats } escaños
    }
council-unknown-call = (desconocida)
council-no-seat = la clave { $account } no tiene escaño en el consejo: el consejo son los administradores principales de los miembros activos
council-bad-encryption-key = --encryption-key no son 32 bytes en hexadecimal
council-cannot-read = no se puede leer { $path }
council-call-gone = la llamada de la moción ya no está en la cadena
council-call-failed = la moción se aprobó, pero su llamada falló: { $event }
council-no-open-motion = no hay mociones abiertas
council-motion = n.º { $index } { $call }: { $ayes } a favor, { $nays } en contra, { $threshold } necesarios de { $seats } escaños; { $status } (termina en el bloque { $end })

## register.rs: la lectura de un registro nacional

register-line = línea { $number }
register-entry = entrada { $number }
register-old-workbook = { $path } es un libro .{ $extension }: guárdelo como .xlsx (libro de Excel) o como CSV
register-csv-options = --delimiter y --encoding son para registros CSV
register-sheet-option = --sheet es para registros .xlsx
register-cannot-read = no se puede leer el registro { $path }
register-not-json = { $path } no es un registro JSON válido
register-not-xlsx = { $path } no es un registro .xlsx válido
register-not-csv = { $path } no es un registro CSV válido
register-utf16 = es texto UTF-16 ("Texto Unicode"): guárdelo como "CSV UTF-8"
register-not-utf8 = la { $place } no es UTF-8 válido; ¿el archivo está en Windows-1252 (--encoding windows-1252)?
register-values-columns = { $values } valores donde el encabezado tiene { $columns } columnas (un valor que contenga `{ $delimiter }` debe ir entre comillas dobles)
register-cell-error = `{ $column }` es una celda con error ({ $value }): corrija la hoja
register-cell-number = `{ $column }` { $value } es un número y puede haber perdido un cero inicial: dé formato de texto a la columna
register-mixed-encoding = el archivo tiene acentos en UTF-8 y, en la { $place }, bytes que no son UTF-8: guárdelo en una sola codificación o indique --encoding
register-line-break = un valor ocupa varias líneas: unas comillas (`"`) no se cierran, y las líneas siguientes se leyeron en esta fila
register-no-sheet = el libro no tiene ninguna hoja
register-unknown-sheet = no tiene ninguna hoja { $name }, solo { $names }
register-sheet = hoja { $name }
register-not-an-array = se esperaba un arreglo de objetos, uno por certificado
register-missing-columns = columna(s) faltante(s): { $columns } (consulte docs/register-format.md)
register-empty = `{ $column }` está vacío
register-bad-tin = `tin` { $tin } no es un TIN de la OMA: { $why }
register-bad-number = `authorization_number` { $number } no es válido: { $why } (de 1 a 35 caracteres entre A-Z, 0-9, - y /)
register-bad-consent = `consent` { $value } no es ni sí ni no
register-bad-region = `region` { $region } no es un código de subdivisión ISO 3166-2 de { $country } (`{ $country }-` y de 1 a 3 letras mayúsculas o dígitos)
register-expiry-not-after = `expires_on` no es posterior a `authorized_on`
register-tin-empty = está vacío
register-tin-missing-national-id = falta el identificador nacional después del código de país
register-tin-too-long = el identificador nacional tiene más de 15 caracteres
register-tin-lower-case = tiene letras minúsculas
register-tin-invalid-character = después del código de país solo puede haber A-Z y 0-9
register-tin-unknown-country = no empieza con un código de país ISO 3166-1 alfa-2
register-bad-date = `{ $column }` { $text } no es una fecha (AAAA-MM-DD)
register-bad-row-date = `{ $column }` { $text } no es una fecha (AAAA-MM-DD o DD/MM/AAAA)
# `aeo_type` queda así: `mra propose` lo reemplaza por --scope.
register-bad-aeo-type = `aeo_type` { $text } no es AEOS, AEOC ni AEOF
register-unknown-role = `roles`: { $name } no es ninguno de estos: { $known }
register-no-role = `roles` no nombra ningún rol

## certificate.rs: grant, amend, suspend, reinstate, revoke, renew, history

certificate-not-a-number = { $number } no es un número de autorización ({ $why })
certificate-unknown = no hay ningún certificado { $country }-{ $number } en esta cadena
certificate-needed-to-grant = se necesita { $option } para otorgar un certificado
certificate-status = { $country }-{ $number }: { $status } desde { $since } ms, vence el { $expires }, motivo { $code } { $reason }
certificate-history-pruned = { $count ->
    [one] (1 entrada anterior depurada, resumen { $digest })
   *[other] ({ $count } entradas anteriores depuradas, resumen { $digest })
    }
certificate-history-by-chain = la cadena
certificate-history-entry = bloque { $block }: { $change }, vence el { $expires }, por { $by }, motivo { $code } { $reason }

## keys.rs: la clave del funcionario

keys-secret-on-command-line = se rechaza un secreto en la línea de comandos (--suri, --as) fuera de una cadena de desarrollo: otros usuarios de la máquina lo ven en `ps`, y queda en el historial del shell. Indique --key-file (legible solo por su propietario) o defina CADENA_SURI
keys-key-file = archivo de clave
keys-password-file = archivo de contraseña
keys-password-file-for-plain = se indicó --password-file { $password_file }, pero el archivo de clave { $path } es una URI secreta en claro, no un almacén de claves cifrado
keys-no-key = falta la clave del funcionario: indique --suri, defina CADENA_SURI, o indique --key-file con la URI secreta o un almacén de claves de polkadot.js
keys-invalid-secret-option = la clave de --suri / CADENA_SURI no es una URI secreta, una frase mnemónica ni una semilla hexadecimal válida
keys-invalid-secret-file = la clave del archivo de clave { $path } no es una URI secreta, una frase mnemónica ni una semilla hexadecimal válida
keys-password-prompt = Contraseña del almacén de claves { $path } ({ $label }):
keys-cannot-ask-password = no se puede leer la contraseña del almacén de claves desde la terminal ({ $why }): indique --password-file <ARCHIVO_CONTRASEÑA>
keys-no-terminal = el almacén de claves { $path } está cifrado y no hay una terminal donde pedir su contraseña: indique --password-file <ARCHIVO_CONTRASEÑA> (su primera línea, legible solo por su propietario) o defina { $variable }
keys-not-json = el archivo de clave { $path } no es un JSON válido ({ $why })
keys-not-a-keystore = el archivo de clave { $path } es JSON pero no un almacén de claves de polkadot.js: le falta `encoded`, `encoding` o `address`
keys-not-sr25519 = el almacén de claves { $path } contiene una clave { $kind }: cadena firma solo con claves sr25519. En la extensión polkadot.js, cree la cuenta del funcionario con el tipo sr25519 (Schnorrkel)
keys-not-encrypted = el almacén de claves { $path } no está cifrado con una contraseña (tipo de codificación { $kind }): exporte la cuenta de nuevo desde la extensión polkadot.js, con una contraseña
keys-unsupported-format = el almacén de claves { $path } no es un almacén sr25519 de polkadot.js que cadena pueda leer (contenido { $content }, tipo { $kind }, versión { $version }; se esperaba ["pkcs8", "sr25519"], ["scrypt", "xsalsa20-poly1305"], versión 3)
keys-too-short = el almacén de claves { $path } está dañado: su secreto `encoded` es demasiado corto
keys-invalid-address = el almacén de claves { $path } tiene una dirección no válida { $address } ({ $why })
keys-wrong-password = contraseña incorrecta para el almacén de claves { $path }, o no es un almacén de claves sr25519 de polkadot.js
keys-other-sr25519-key = el almacén de claves { $path } se descifra, pero no en la clave sr25519 de su dirección { $address }: el archivo fue editado o está dañado
keys-scrypt-parameters = el almacén de claves { $path } usa parámetros de scrypt que cadena no acepta (N { $n }, p { $p }, r { $r }): expórtelo de nuevo desde la extensión polkadot.js
keys-unsupported-encoding = el almacén de claves { $path } no es un almacén sr25519 de polkadot.js que cadena pueda leer
keys-undecodable-secret = el almacén de claves { $path } está dañado: su secreto `encoded` no se puede decodificar
keys-other-key = el almacén de claves { $path } se descifra, pero no en la clave de su dirección { $address }: el archivo fue editado o está dañado
keys-password-file-empty = el archivo de contraseña { $path } está vacío: la contraseña es su primera línea
keys-cannot-read = no se puede leer el { $what } { $path }
keys-empty = el { $what } { $path } está vacío
keys-readable-by-others = otros usuarios pueden leer el { $what } { $path } (modo { $mode }): ejecute chmod 600 sobre él

## tin.rs: el registro de TIN

tin-not-yes-no = { $text } no es ni sí ni no
tin-not-a-tin = { $text } no es un TIN de la OMA: { $why }
tin-not-an-account = { $text } no es una cuenta SS58 ({ $why })
tin-needed-to-register = se necesita { $option } para registrar un TIN
tin-needed-first-seal = { $tin } aún no tiene registro confidencial: se necesita { $option } para sellar su primera versión
tin-needed-unreadable = { $country } no puede abrir la versión { $version } del registro de { $tin } con esta clave (no tiene un envoltorio de ella para la clave que publica): se necesita { $option } para sellarlo de nuevo, completo
tin-field-empty = { $option } no puede quedar vacío
tin-bad-region = --region { $region } no es un código de subdivisión ISO 3166-2 de { $country } (`{ $country }-` y de 1 a 3 letras mayúsculas o dígitos)
tin-nothing-to-update = nada que actualizar: indique los campos del registro que cambian (--legal-name, --city, …, con --encryption-key-file) o --consent
tin-update-needs-key = cambiar el registro de { $tin } requiere --encryption-key-file: el registro está sellado, y los nombres y domicilios nunca se envían en claro
tin-share-failed = el registro de { $tin } quedó sellado, pero compartirlo con los lectores con derecho a él falló ({ $why }): `cadena share` lo comparte después
tin-not-registered = { $tin } no está registrado
tin-bad-signature = la firma de la solicitud no son 64 bytes en hexadecimal
tin-bad-partner-id = { $text } no es un identificador de socio ESQUEMA:VALOR, en mayúsculas (`MID:MXAAAMAN1234GUA`): { $why }
tin-too-many-partner-ids = { $count } identificadores de socio: como máximo 4
tin-account-not-linked = { $account } no está vinculada a ningún TIN
tin-key-not-linked = la clave { $account } no está vinculada a ningún TIN: el operador primero pide a su administración aduanera que la vincule (`cadena tin link-request`)
tin-of-other-country = { $tin } es un TIN de { $tin_country }: un Registrador de { $country } solo registra los TIN de su propio país
tin-no-linked-accounts = no se pueden leer las cuentas vinculadas del registro de TIN
tin-linked-undecodable = no se puede decodificar un TIN vinculado
tin-no-link-nonce = no se puede leer el nonce de vinculación de la cuenta
tin-link-nonce-undecodable = no se puede decodificar el nonce de vinculación
tin-cannot-write = no se puede escribir { $path }
tin-cannot-read-request = no se puede leer la solicitud de vinculación { $path }
tin-request-not-json = { $path } no es el JSON que escribe `cadena tin link-request`
tin-record = { $tin }: { $state }, consentimiento { $consent }
tin-active = activo
tin-closed = cerrado
tin-consent-given = otorgado
tin-consent-withheld = no otorgado

## mra.rs: los acuerdos de reconocimiento mutuo (ARM)

mra-not-a-direction = { $pair } no es EMISOR>RECONOCEDOR (`MX>CR`)
mra-too-many-directions = demasiadas direcciones
mra-no-mras = no se pueden leer los ARM
mra-undecodable = no se puede decodificar un ARM
mra-leaves-out-own = las partes { $parties } dejan fuera a la propia administración del funcionario, { $country }
mra-scope-too-long = --scope nombra como máximo 3 tipos
mra-unknown = no existe el ARM { $id }
mra-no-motion = el ARM { $id } no tiene ninguna moción pendiente: no hay nada que firmar
mra-other-motion = el ARM { $id } espera la moción { $motion }, no la indicada: consúltela (`cadena mra list`) e indíquela
# El estado (proposed, in force…), las fechas y las mociones quedan como los da --json.
mra-line = ARM { $id } { $name }: { $status }, partes { $parties }, alcance { $scope }, direcciones { $directions }, surte efecto el { $effective }
mra-waiting = en espera de la moción { $motion }: firmada por { $signed }; pendiente de { $waiting_for }
mra-nobody = nadie
mra-benefits = { $recogniser } otorga a los OEA de { $issuer } { $count } beneficios (versión { $version })
mra-benefits-scheduled = desde el { $on }: { $count } beneficios, firmados por ambos lados

## i18n.rs: las palabras de clap

clap-usage = Uso
clap-commands = Comandos
clap-command-value = COMANDO
clap-options = Opciones
clap-options-value = OPCIONES
clap-arguments = Argumentos
clap-help = Mostrar la ayuda
clap-help-short = Mostrar la ayuda (más detalle con '--help')
clap-help-long = Mostrar la ayuda (un resumen con '-h')
clap-version = Mostrar la versión
clap-help-command = Mostrar esta ayuda o la del subcomando indicado
clap-help-subcommand = Mostrar la ayuda del subcomando o subcomandos
clap-aliases = [alias: { $aliases }]
clap-env = [entorno: { $name }]
clap-default = [predeterminado: { $value }]
clap-possible-values = [valores posibles: { $values }]
clap-unknown-argument = argumento inesperado '{ $arg }'
clap-unknown-subcommand = subcomando desconocido '{ $command }'
clap-value-missing = '{ $arg }' requiere un valor y no se indicó ninguno
clap-invalid-value = valor '{ $value }' no válido para '{ $arg }'
clap-missing-arguments = faltan los siguientes argumentos obligatorios:
clap-missing-subcommand = '{ $command }' requiere un subcomando y no se indicó ninguno
clap-repeated = el argumento '{ $arg }' no se puede usar más de una vez
clap-conflict = el argumento '{ $arg }' no se puede usar junto con '{ $other }'
clap-unexpected-value = valor inesperado '{ $value }' para '{ $arg }'; no se esperaban más
clap-no-equals = se necesita un signo igual para dar un valor a '{ $arg }'
clap-tip-subcommand = { $count ->
        [one] sugerencia: existe un subcomando parecido: { $similar }
       *[other] sugerencia: existen subcomandos parecidos: { $similar }
    }
clap-tip-argument = { $count ->
        [one] sugerencia: existe un argumento parecido: { $similar }
       *[other] sugerencia: existen argumentos parecidos: { $similar }
    }
clap-tip-value = { $count ->
        [one] sugerencia: existe un valor parecido: { $similar }
       *[other] sugerencia: existen valores parecidos: { $similar }
    }
clap-more-information = Para más información, pruebe '--help'.

## encryption.rs

encryption-cannot-write = no se puede escribir la clave de cifrado { $path }: { $why }
encryption-cannot-read = no se puede leer la clave de cifrado { $path }: { $why }
encryption-exposed = otros usuarios además de su dueño pueden leer el archivo de clave { $path } (modo { $mode }): hágalo privado con `chmod 600 { $path }`
encryption-zero-key = la clave pública de la clave de cifrado es toda ceros
encryption-public-key = clave pública de cifrado: { $key }

## confidential.rs: show, share, and the records an import seals

confidential-bad-reader = { $text } no es ni un código de país ni una cuenta SS58
confidential-wrong-key = el archivo de clave { $path } no es aquel para el que se hizo el envoltorio: el envoltorio es para la clave pública { $wrap_key }, la del archivo es { $file_key }
confidential-cannot-open = el registro de { $tin } no se abre: { $why }
confidential-never-sealed = { $tin } no tiene registro confidencial: nunca se selló
confidential-not-entitled = { $reader } no tiene derecho a leer el registro de { $tin }: solo el texto cifrado
confidential-not-shared = { $reader } tiene derecho a leer el registro de { $tin }, pero la administración emisora aún no lo compartió (lo hace su `cadena share`)
confidential-heading = { $tin }: registro confidencial, versión { $version }
confidential-legal-name = razón social
confidential-trade-name = nombre comercial
confidential-street = calle
confidential-city = ciudad
confidential-postal-code = código postal
confidential-region = región
confidential-contact-point = contacto
confidential-email = correo electrónico
confidential-phone = teléfono
confidential-no-published-key = { $country } no ha publicado una clave de cifrado: primero su Administrador publica una (`cadena encryption-key publish`)
confidential-not-published-key = el archivo de clave { $path } no es la clave de cifrado publicada de { $country }: { $country } publicó { $published }, la clave pública del archivo es { $file_key }
confidential-cannot-seal = no se puede sellar el registro de { $tin }: { $why }
confidential-no-own-wrap = { $country } no tiene un envoltorio del registro de { $tin } para la clave que publica: séllelo de nuevo con `cadena import --encryption-key-file` o `cadena tin update` con todos los campos
confidential-too-large = más de lo que el runtime acepta en una llamada ({ $why })
share-summary = envoltorios añadidos: { $wraps }, a { $records ->
    [one] 1 registro
   *[other] { $records } registros
    }, en { $transactions ->
    [one] 1 transacción
   *[other] { $transactions } transacciones
    }
share-refused = { $tin }, versión { $version }: { $why }
share-refused-for = para { $readers }: { $why }
share-stopped = la pasada de `share` se detuvo; ejecútela de nuevo para continuar
share-retrying = la transacción no pasó ({ $why }); se envía de nuevo
certificate-reason-needs-key = el texto de un motivo se cifra para los lectores del registro del titular: indique el --encryption-key-file de la administración (o envíe solo el código)
certificate-reason-no-record = el registro de { $tin } no está cifrado: el texto de un motivo se cifra con él (cífrelo con `cadena import --encryption-key-file` o `cadena tin update`), o envíe solo el código
certificate-reason-cannot-seal = no se puede cifrar el motivo: { $why }
certificate-reason-sealed = (cifrado)

## benefits.rs: beneficios y decide

benefits-cannot-read = no se puede leer el archivo de beneficios { $path }
benefits-not-json = { $path } no es un archivo de beneficios: una dirección `{"{"}"issuer", "recogniser", "grants"{"}"}` (o una lista de ellas para una propuesta), con los beneficios como los escribe el RPC del nodo (docs/benefits.md)
benefits-too-many = { $count } beneficios para una dirección: como máximo 32
benefit-risk-factor = la condición de OEA considerada como factor de riesgo
benefit-risk-score-reduction = una puntuación de riesgo menor
benefit-fewer-physical-controls = menos controles físicos
benefit-fewer-documentary-controls = menos controles documentales
benefit-priority-if-selected = prioridad si es seleccionado para un control
benefit-priority-clearance = despacho prioritario
benefit-business-continuity = continuidad del negocio: su comercio se reanuda primero tras una interrupción
benefit-partner-recognition = reconocido como socio seguro en las validaciones
benefit-no-redundant-validation = sin validaciones repetidas
benefit-prior-notification = aviso previo de los controles
benefit-choice-of-place = elección del lugar del control
benefit-reduced-data-set = un conjunto de datos reducido
benefit-fast-lane = el carril rápido
benefit-national = beneficio nacional { $code }
benefit-side-import = en la importación
benefit-side-export = en la exportación
benefit-side-transit = en el tránsito
benefit-rate-cap = como máximo { $rate } por mil
benefit-score-delta = en { $delta }
benefit-parameter = parámetro { $value }
benefit-grant = { $benefit }, { $side }, para { $roles } ({ $types })
benefit-during-continuity = solo durante un evento de continuidad del negocio
benefit-from = beneficios que { $recogniser } otorga a los OEA de { $issuer } en virtud del ARM { $mra } (versión { $version }):
benefit-none = ninguno
decide-not-a-party = { $text } no es una parte: ROL=TIN, un rol como en el formato del registro (`exporter=MXAAA010101AAA`)
decide-refused = el nodo no respondió la decisión
decide-header = Declaración en { $country }, { $side }, en el bloque finalizado { $block } ({ $hash }):
decide-recognised = { $party }: RECONOCIDO, por el certificado { $certificate }
decide-not-recognised = { $party }: NO RECONOCIDO: { $why }
decide-union = { $count } beneficios se aplican a la declaración. Son datos para el motor de riesgo, no un carril.
