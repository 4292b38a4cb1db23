### La ayuda en español de cada comando y argumento de `cadena` (la ayuda en
### inglés son los comentarios de documentación de clap).
###
### Claves: `help-cadena` es la descripción de la herramienta;
### `help-<comando>` la de un comando (`help-council-propose-admit`);
### `help-<comando>--<argumento>` la de un argumento de ese comando
### (`help-import--in-flight`: el id del argumento, con `-` por `_`);
### `help--<argumento>` la de un argumento que dice lo mismo en todos los
### comandos que no tienen la suya. Un atributo `.long` da la ayuda larga
### (`--help`), si hace falta. `value-<NOMBRE>` traduce el nombre de un
### valor (`<FILE>`).
###
### Una prueba (`cargo test --release --workspace --locked --bin cadena --
### i18n`) exige una entrada para cada comando y argumento, y ninguna de más;
### cuando falta alguna, la lista con el texto en inglés.
###
### Términos: OEA (en inglés AEO), ARM (acuerdo de reconocimiento mutuo, en
### inglés MRA), TIN (número de identificación tributaria del operador),
### administración aduanera, funcionario. Los roles se nombran en español
### (Administrador, Registrador, Aprobador, Auditor: en la cadena Admin,
### Registrar, Approver, Auditor); los estados (Active, Suspended) quedan
### como en la cadena.

## La herramienta y sus opciones globales

help-cadena = La herramienta de línea de comandos de CADENA para integradores, funcionarios aduaneros y operadores.
help-cadena--url = El punto de acceso RPC WebSocket del nodo CADENA
help-cadena--lang = El idioma de los mensajes y de la ayuda: en o es (por omisión, el de LC_ALL, LC_MESSAGES o LANG)

## Opciones comunes

help--suri = La URI secreta del funcionario: una frase mnemónica o una semilla, con rutas de derivación (`//Alice//approver` en una cadena de desarrollo). Fuera de desarrollo, prefiera `CADENA_SURI` o `--key-file`: los demás usuarios de la máquina ven las líneas de comandos
help--key-file = Un archivo con la URI secreta del funcionario en su primera línea (legible solo por su dueño), o un JSON de almacén de claves cifrado, exportado de la extensión polkadot.js (solo cuentas sr25519)
help--password-file = La contraseña del almacén de claves indicado con --key-file: la primera línea del archivo, tal cual (legible solo por su dueño). Sin ella, la variable de entorno CADENA_KEY_PASSWORD, y si no, se pide en la terminal
help--json = Imprimir el resultado como JSON
help--dry-run = Mostrar la llamada y su peso; no enviar nada
help--tin = El TIN
help--number = El número de autorización (el país emisor es el del funcionario)
help--code = El código de motivo de la lista propia de la administración
help--reason = El motivo, en palabras (hasta 128 bytes): cifrado para los lectores del registro del titular, con --encryption-key-file
help--country = El país de la administración
help--id = El número del ARM
help--index = El índice de la moción
help--legal-name = La razón social
help--trade-name = El nombre comercial (puede quedar vacío)
help--street = Calle y número
help--city = Ciudad
help--postal-code = Código postal
help--region = Código de subdivisión ISO 3166-2 (`MX-CMX`), del país del TIN
help--contact-point = La persona u oficina de contacto (puede quedar vacía)
help--email = El correo electrónico de contacto (puede quedar vacío)
help--phone = El teléfono de contacto (puede quedar vacío)
help--aeo-type = `AEOS` (seguridad y protección), `AEOC` (simplificaciones aduaneras) o `AEOF` (ambos)
help--authorized-on = La fecha de autorización, `AAAA-MM-DD` (hoy o antes; `grant` toma la de hoy si no se indica)
help--roles = Los roles del titular, separados por `;` (`exporter;importer`)

## cadena import

help-import = Cargar en la cadena un registro nacional de OEA (CSV o JSON): operadores y certificados, en transacciones por lotes. Se puede ejecutar de nuevo sin riesgo
help-import--file = El registro: CSV, JSON si su nombre termina en `.json`, un libro de Excel si termina en `.xlsx` (docs/register-format.md)
help-import--delimiter = El separador de un CSV, `,` (coma) o `;` (punto y coma); por omisión, el que usa su línea de encabezado
    .long =
        El separador de un CSV, `,` (coma) o `;` (punto y coma); por omisión, el que usa su línea de encabezado

        Valores posibles:
        - comma: `,`
        - semicolon: `;`, como escriben el CSV las hojas de cálculo en las que `,` es el separador decimal
help-import--encoding = La codificación de caracteres de un CSV; por omisión UTF-8 si el archivo es UTF-8 válido (con o sin marca de orden de bytes), y si no Windows-1252
    .long =
        La codificación de caracteres de un CSV; por omisión UTF-8 si el archivo es UTF-8 válido (con o sin marca de orden de bytes), y si no Windows-1252

        Valores posibles:
        - utf-8: UTF-8, con o sin marca de orden de bytes
        - windows-1252: Windows-1252 ("ANSI" en un Windows en español o portugués; abarca ISO-8859-1, "Latin-1")
help-import--sheet = La hoja de un registro `.xlsx`; por omisión, la primera
help-import--batch = Filas por transacción como máximo (256 a lo sumo): menos cuando dos transacciones así no cabrían en la parte de un bloque que corresponde a quien firma
help-import--in-flight = Transacciones en curso a la vez
help-import--reason-code = El código de motivo que se registra cuando se modifican los datos de un certificado (solo el código: el texto de un motivo se cifra, `cadena amend --reason`)
help-import--json = Imprimir el resumen como JSON
help-import--encryption-key-file = El archivo de clave secreta de cifrado de la administración (`0x` y 64 dígitos hexadecimales, modo 0600): con él también se sella el registro confidencial de cada operador, si es nuevo o cambió, y luego se comparte con los lectores con derecho a él (requiere el rol de Registrador)

## cadena verify, watch, export

help-verify = Si un país reconoce ahora a un operador, por qué no, y los beneficios que eso le da
help-verify--tin = El TIN del operador (`MXAAA010101AAA`), o un identificador de socio que registró su país, `PAÍS:ESQUEMA:VALOR` (`MX:MID:MXAAAMAN1234GUA`)
help-verify--by = El país que pregunta: ¿reconoce ahora a este operador?
help-verify--encryption-key-file = La clave secreta de cifrado del país que pregunta: la respuesta nombra al operador donde el país puede leer su registro confidencial, y dice por qué no donde no puede
help-verify--json = Imprimir la respuesta como JSON

help-decide = El motor de riesgo de una frontera pregunta una vez por declaración: para cada parte, en el rol declarado, si es un OEA reconocido y qué beneficios del ARM se aplican. Datos, nunca un carril
help-decide--declaring = El país en que se presenta la declaración: la administración propia del nodo (cualquier país en una cadena de desarrollo)
help-decide--side = El lado de la frontera: importación, exportación o tránsito
    .long =
        El lado de la frontera: importación, exportación o tránsito

        Valores posibles:
        - import: la importación al país que declara
        - export: la exportación desde el país que declara
        - transit: el tránsito por el país que declara
help-decide--parties = Una parte como `ROL=TIN`, con los roles escritos como en el formato del registro (`exporter=MXAAA010101AAA`), o `ROL=PAÍS:ESQUEMA:VALOR` con un identificador de socio que registró su país; hasta 16, repita la opción
help-decide--at = El bloque en que se lee, por su hash (el último bloque finalizado si no se indica)
help-decide--json = Imprimir la respuesta como JSON

help-watch = Seguir cada cambio de reconocimiento de un país, desde los bloques finalizados
help-watch--country = El país cuyos reconocimientos se siguen
help-watch--webhook = Enviar cada cambio como JSON por POST a esta URL, en lugar de imprimirlo
help-watch--from-block = Empezar desde este bloque en la primera ejecución (por omisión: el siguiente bloque finalizado). Las ejecuciones siguientes continúan desde el archivo de estado
help-watch--state = Dónde se guarda el avance de la entrega (por omisión: `cadena-watch-<CC>.json` en el directorio actual)
help-watch--json = Imprimir cada cambio como una línea de JSON
help-watch--max-backoff = La espera más larga entre dos intentos del webhook, en segundos
help-watch--webhook-secret-file = Firmar cada POST con HMAC-SHA256 con el secreto compartido de la primera línea de este archivo (legible solo por su dueño): cabeceras `X-Cadena-Timestamp` y `X-Cadena-Signature: sha256=<hex>` sobre `<timestamp>.<body>`
help-watch--max-refusals = Después de este número de rechazos de un mismo cambio (una respuesta 4xx distinta de 408 y 429: el receptor nunca lo aceptará), el cambio pasa al archivo de rechazados y se entrega el siguiente
help-watch--dead-letter = Dónde se guardan los cambios que el webhook sigue rechazando, un objeto JSON por línea (por omisión: `cadena-watch-<CC>.dead.jsonl` junto al archivo de estado)
help-watch--max-silence = Reconectar cuando el nodo no envía nada, ni siquiera el fin de un bloque, durante este número de segundos (el nodo avisa el fin de cada bloque finalizado)

help-export = Escribir cada certificado que un país reconoce ahora, en CSV o JSON
help-export--country = El socio: cada certificado que este país reconoce ahora
help-export--format = CSV o JSON
    .long =
        CSV o JSON

        Valores posibles:
        - csv: el formato de registro de `cadena import`, con columnas de estado
        - json: una lista de los objetos de certificado del RPC del nodo, con el titular
help-export--output = Escribir en este archivo en lugar de la salida estándar
help-export--encryption-key-file = La clave secreta de cifrado del socio: los nombres y domicilios de los titulares son sus registros confidenciales, descifrados con ella donde tiene derecho; sin ella quedan vacíos

## Los certificados: grant, amend, suspend, reinstate, revoke, renew, history

help-grant = Otorgar un certificado de la administración del funcionario, en estado Active (un Aprobador)
help-grant--number = El nuevo número de autorización: de 1 a 35 caracteres entre `A`–`Z`, `0`–`9`, `-`, `/`
help-grant--tin = El TIN del titular: registrado, activo, del país del funcionario
help-grant--expires-on = La fecha de vencimiento (o de la próxima revalidación), `AAAA-MM-DD`, posterior a hoy

help-amend = Modificar los datos de un certificado: titular, tipo, roles, fecha de autorización (un Registrador o un Aprobador)
help-amend--tin = El TIN del titular: registrado, activo, del país del funcionario

help-suspend = Suspender un certificado en estado Active (un Aprobador de su administración), diciendo cuándo se prevé que termine la suspensión si se sabe
help-suspend--until = El día en que se prevé que termine la suspensión, `AAAA-MM-DD` (posterior a hoy): los socios lo ven. Sigue suspendido hasta que se rehabilite
help-reinstate = Rehabilitar un certificado en estado Suspended
help-revoke = Revocar un certificado, de forma definitiva
help-renew = Renovar un certificado en estado Active o Expired hasta una nueva fecha
help-renew--expires-on = La nueva fecha de vencimiento, `AAAA-MM-DD` (posterior a hoy)

help-history = El historial de un certificado: cada cambio, quién lo hizo y por qué
help-history--country = El país emisor (`MX`)
help-history--number = El número de autorización
help-history--json = Imprimir el historial como JSON

## Los TIN y el consentimiento

help-tin = Los TIN de los operadores: un Registrador los registra, actualiza, cierra, reabre, vincula y desvincula; un operador pide que lo vinculen
help-tin-register = Registrar un TIN con el consentimiento de su operador, y sellar el registro confidencial del operador (un Registrador de su país)
help-tin-register--tin = El TIN (`MXAAA010101AAA`), del país del funcionario
help-tin-register--consent = Si el operador consintió en compartir sus datos con los socios de los ARM
help-tin-register--encryption-key-file = El archivo de clave secreta de cifrado de la administración (`0x` y 64 dígitos hexadecimales, modo 0600), la de la clave pública que publicó: el registro del operador se sella con ella, nunca se envía en claro
help-tin-update = Cambiar el registro confidencial de un TIN activo (sellado de nuevo) o el consentimiento de su operador; lo que no se indica queda como está
help-tin-update--consent = El consentimiento del operador, mientras no tenga ninguna cuenta vinculada (un operador vinculado lo da o lo retira con `cadena consent`)
help-tin-update--encryption-key-file = El archivo de clave secreta de cifrado de la administración (`0x` y 64 dígitos hexadecimales, modo 0600), la de la clave pública que publicó: se necesita para cambiar el registro, que se abre con ella, se cambia y se sella de nuevo. Con solo --consent, el registro se comparte luego con los lectores a los que el consentimiento da derecho
help-tin-close = Cerrar un TIN activo: nadie reconoce sus certificados mientras está cerrado
help-tin-reopen = Reabrir un TIN cerrado
help-tin-partner-ids = Registrar los identificadores con que los sistemas de los socios conocen a un operador, en lugar de los que tenía (un Registrador de su país): `cadena decide` y `verify` aceptan entonces `PAÍS:ESQUEMA:VALOR` para él
help-tin-partner-ids--tin = El TIN
help-tin-partner-ids--ids = Un identificador como `ESQUEMA:VALOR` (`MID:MXAAAMAN1234GUA`); hasta 4, repita la opción; ninguno los borra
help-tin-link-request = El primer paso del operador para vincularse: firmar, con la clave propia del operador, una solicitud para vincularlo a su TIN. Imprime la solicitud que debe entregar al Registrador
help-tin-link-request--tin = El TIN del operador
help-tin-link-request--valid-for = Durante cuántos bloques (aproximadamente segundos) sigue siendo válida la solicitud
help-tin-link-request--out = Escribir la solicitud aquí en lugar de imprimirla
help-tin-link = El segundo paso, del Registrador: vincular la cuenta del operador con su solicitud firmada
help-tin-link--request = La solicitud firmada del operador, tal como la escribió `cadena tin link-request`
help-tin-unlink = Desvincular una cuenta de su TIN (un Registrador, o la propia cuenta)
help-tin-unlink--account = La cuenta vinculada (SS58)

help-consent = Un operador vinculado da o retira su consentimiento para compartir sus datos con los socios de los ARM de su administración
help-consent--choice = `give` para compartir los datos del operador con los socios de los ARM de su administración, `withdraw` para dejar de compartirlos

## Los ARM

help-mra = Acuerdos de reconocimiento mutuo (ARM): un Administrador los propone, firma, suspende, reanuda y termina, y les agrega partes; cualquiera los lista
help-mra-propose = Proponer un ARM entre la administración del funcionario y otras, y firmarlo; entra en vigor cuando todas las partes lo firmaron, en su fecha de entrada en vigor
help-mra-propose--name = Su nombre o referencia (`MX-CR AEO MRA 2026`)
help-mra-propose--parties = Los códigos de país de las partes, separados por `,`, incluido el del funcionario (`MX,CR`)
help-mra-propose--scope = Los tipos de OEA reconocidos, separados por `,`: `AEOS`, `AEOC`, `AEOF`
help-mra-propose--directions = Quién reconoce a quién, pares `EMISOR>RECONOCEDOR` separados por `,` (`MX>CR`); si no se indican, cada parte reconoce a todas las demás
help-mra-propose--effective-on = El día en que surte efecto, `AAAA-MM-DD` (hoy si no se indica)
help-mra-propose--benefits = Lo que cada país que reconoce otorga a los OEA de cada emisor: un archivo JSON de direcciones con sus beneficios (docs/benefits.md); una dirección que no figura no otorga nada
help-mra-sign = Firmar la moción pendiente de un ARM: nómbrela, para que la firma apruebe lo que dice y nada más
help-mra-sign--motion = La moción que se firma
    .long =
        La moción que se firma

        Valores posibles:
        - enter-into-force: el ARM propuesto entra en vigor
        - resume: el ARM suspendido vuelve a estar en vigor
        - add-party: se incorpora una administración (indíquela con `--country`)
        - amend-benefits: cambian los beneficios de una dirección (indíquelos con `--file` y `--on`)
help-mra-sign--country = Para `add-party`: la administración que se incorpora
help-mra-sign--directions = Para `add-party`: las direcciones de la nueva parte tal como las enuncia la moción, pares `EMISOR>RECONOCEDOR` (`mra list` las muestra)
help-mra-sign--file = Para `amend-benefits`: la dirección y sus beneficios, el archivo que envió quien la propuso
help-mra-sign--on = Para `amend-benefits`: el día en que se aplican, `AAAA-MM-DD`
help-mra-suspend = Suspender de inmediato un ARM en vigor: ninguna parte reconoce en virtud de él
help-mra-resume = Proponer la reanudación de un ARM suspendido, y firmarla; todas las partes deben firmar
help-mra-terminate = Terminar un ARM, de forma definitiva (si es una propuesta, se retira)
help-mra-add-party = Proponer la incorporación de una administración a un ARM en vigor, y firmarla; todas las partes y la que se incorpora deben firmar
help-mra-add-party--country = La administración que se incorpora
help-mra-add-party--directions = Las direcciones de la que se incorpora, pares `EMISOR>RECONOCEDOR` (`GT>MX`); si no se indican, en ambos sentidos con cada parte
help-mra-benefits = Proponer lo que el país que reconoce en una dirección otorga a los OEA del emisor desde un día, y firmarlo; se aplica cuando el otro lado también firmó (`mra sign --motion amend-benefits`), ese día
help-mra-benefits--file = La dirección y sus nuevos beneficios: un archivo JSON `{"{"}"issuer", "recogniser", "grants"{"}"}` (docs/benefits.md)
help-mra-benefits--on = El día en que se aplican, `AAAA-MM-DD` (hoy si no se indica)
help-mra-declare-continuity = Declarar un evento de continuidad del negocio del país del funcionario: los beneficios que otorga con esa condición se aplican hasta que termine
help-mra-end-continuity = Terminar el evento de continuidad del negocio del país del funcionario
help-mra-list = Los ARM de los que un país es parte, con sus beneficios y la moción pendiente de cada uno
help-mra-list--country = El país cuyos ARM se listan
help-mra-list--json = Imprimir la lista como JSON
help-encryption-key = Claves de cifrado (X25519, distintas de las claves de firma): generar una en un archivo, publicar su clave pública para una administración o un operador vinculado
help-encryption-key-generate = Generar un par de claves X25519: la clave secreta en un archivo nuevo que solo su dueño puede leer, la clave pública impresa
help-encryption-key-generate--out = El nuevo archivo de clave secreta (nunca se sobrescribe)
help-encryption-key-generate--json = Imprimir la clave pública como JSON
help-encryption-key-publish = Publicar la clave pública de un archivo de clave secreta: la de su administración si firma un Administrador, la propia si firma un operador vinculado
help-encryption-key-publish--file = El archivo de clave secreta que escribió `generate` (`0x` y 64 dígitos hexadecimales, modo 0600)

## Los registros confidenciales

help-show = Abrir el registro confidencial de un operador (razón social, domicilio, contactos) con la clave secreta de cifrado de un lector
help-show--tin = El TIN del operador (`MXAAA010101AAA`)
help-show--reader = Quién lee: una administración, por su país (`CR`), o la cuenta vinculada de un operador (SS58)
help-show--encryption-key-file = El archivo de clave secreta de cifrado del lector (`0x` y 64 dígitos hexadecimales, modo 0600)
help-show--json = Imprimir el registro como JSON
help-share = Envolver las claves de datos de los registros confidenciales de la administración del funcionario para los lectores con derecho que aún no tienen la suya (un Registrador)
help-share--encryption-key-file = El archivo de clave secreta de cifrado de la administración (`0x` y 64 dígitos hexadecimales, modo 0600): la de la clave pública que publicó
help-share--follow = Seguir compartiendo: una pasada cada --interval segundos, hasta Ctrl-C
help-share--interval = Segundos entre dos pasadas, con --follow
help-share--batch = Llamadas por transacción (256 como máximo)
help-share--json = Imprimir el informe de cada pasada como JSON (un objeto por línea)

## El consejo aduanero

help-council = El consejo aduanero: proponer, votar, cerrar y listar mociones (admisiones, suspensiones, retiros, actualizaciones del runtime)
help-council-propose = Proponer una moción (un administrador principal: un escaño del consejo). Se cuenta el voto a favor de quien la propone
help-council-propose-admit = Admitir una administración aduanera, con su primer nodo
help-council-propose-admit--country = El país de la administración (ISO 3166-1 alfa-2)
help-council-propose-admit--name = El nombre de la administración
help-council-propose-admit--admin = La cuenta de su administrador principal (SS58): su escaño en el consejo
help-council-propose-admit--validator = La cuenta de su validador (SS58)
help-council-propose-admit--encryption-key = Su clave de cifrado X25519, en hexadecimal (opcional)
help-council-propose-admit--first-node = El JSON que `cadena-node declare-node` imprimió en la máquina de su nodo
help-council-propose-suspend = Suspender una administración activa
help-council-propose-reinstate = Rehabilitar una administración suspendida
help-council-propose-retire = Retirar una administración, de forma definitiva
help-council-propose-authorize-upgrade = Autorizar una actualización del runtime: el hash del archivo Wasm (docs/upgrades.md)
help-council-propose-authorize-upgrade--wasm = El Wasm del nuevo runtime (`*.compact.compressed.wasm`)
help-council-vote = Votar una moción abierta, por su índice (`council list`)
help-council-vote--nay = Votar en contra (por omisión, a favor)
help-council-close = Cerrar una moción que tiene sus votos (o cuyo plazo terminó): se aprueba y se ejecuta su llamada, o se rechaza
help-council-list = Las mociones abiertas: qué hace cada una, sus votos y lo que necesita para aprobarse
help-council-list--json = Imprimir las mociones como JSON

## Los nombres de los valores (`--file <ARCHIVO>`)

value-FILE = ARCHIVO
value-CC = PAÍS
value-DATE = FECHA
value-NAME = NOMBRE
value-SECONDS = SEGUNDOS
value-TYPE = TIPO
value-LANG = IDIOMA
value-NUMBER = NÚMERO
value-COUNTRY = PAÍS
value-INDEX = ÍNDICE
value-REASON = MOTIVO
value-CODE = CÓDIGO
value-BATCH = LOTE
value-PARTY = PARTE
value-ID = ID
value-HASH = HASH
value-IN_FLIGHT = EN_CURSO
value-REASON_CODE = CÓDIGO_MOTIVO
value-KEY_FILE = ARCHIVO_CLAVE
value-PASSWORD_FILE = ARCHIVO_CONTRASEÑA
value-READER = LECTOR
help-amend--encryption-key-file = El archivo de la clave secreta de cifrado de la administración (`0x` y 64 dígitos hexadecimales, modo 0600), para cifrar --reason: solo los lectores con derecho al registro del titular pueden leerlo. Si el registro debe cifrarse de nuevo antes, se cifra, en el mismo lote (de un Registrador)
help-suspend--encryption-key-file = El archivo de la clave secreta de cifrado de la administración (`0x` y 64 dígitos hexadecimales, modo 0600), para cifrar --reason: solo los lectores con derecho al registro del titular pueden leerlo. Si el registro debe cifrarse de nuevo antes, se cifra, en el mismo lote (de un Registrador)
help-reinstate--encryption-key-file = El archivo de la clave secreta de cifrado de la administración (`0x` y 64 dígitos hexadecimales, modo 0600), para cifrar --reason: solo los lectores con derecho al registro del titular pueden leerlo. Si el registro debe cifrarse de nuevo antes, se cifra, en el mismo lote (de un Registrador)
help-revoke--encryption-key-file = El archivo de la clave secreta de cifrado de la administración (`0x` y 64 dígitos hexadecimales, modo 0600), para cifrar --reason: solo los lectores con derecho al registro del titular pueden leerlo. Si el registro debe cifrarse de nuevo antes, se cifra, en el mismo lote (de un Registrador)
help-renew--encryption-key-file = El archivo de la clave secreta de cifrado de la administración (`0x` y 64 dígitos hexadecimales, modo 0600), para cifrar --reason: solo los lectores con derecho al registro del titular pueden leerlo. Si el registro debe cifrarse de nuevo antes, se cifra, en el mismo lote (de un Registrador)
help-history--reader = Quién lee los motivos: una administración por su país (`CR`) o la cuenta vinculada de un operador (SS58), con --encryption-key-file
help-history--encryption-key-file = El archivo de la clave secreta de cifrado del lector: se descifran los motivos cifrados con la versión vigente del registro del titular
