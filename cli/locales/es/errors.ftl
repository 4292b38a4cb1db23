### Mensajes en español de los errores de los pallets de CADENA, para la
### herramienta de línea de comandos `cadena`.
###
### Cuando la cadena rechaza una transacción, `cadena` muestra el error como
### `Pallet.Variante: descripción`. Este archivo da la descripción en español
### de cada variante de error de los pallets Consortium, Council,
### TinRegistry, AeoCertificates, Mra y Confidential, con la clave
### `error-<Pallet>-<Variante>` (los nombres de los pallets son los del
### runtime). Cada mensaje traduce la documentación de la variante, que es
### lo que muestra la versión en inglés.
###
### Términos: OEA (Operador Económico Autorizado), ARM (Acuerdo de
### Reconocimiento Mutuo), TIN (número de identificación del operador, en el
### formato de la OMA), roles de Administrador, Registrador, Aprobador y
### Auditor.


## Consortium: las administraciones aduaneras miembro, sus funcionarios, sus
## validadores y sus nodos.

# Código de país con minúsculas, p. ej. `mx` en lugar de `MX`.
error-Consortium-LowerCaseCountryCode = el código de país tiene letras minúsculas (los códigos van en mayúsculas: `MX`)
# Código de país que la norma ISO 3166-1 no asigna.
error-Consortium-UnknownCountryCode = el código de país no es un código ISO 3166-1 alfa-2 asignado
# Al admitir una administración aduanera de un país que ya es miembro.
error-Consortium-AlreadyMember = ese país ya tiene una administración aduanera miembro
# El país indicado no es miembro del consorcio.
error-Consortium-NotMember = ese país no tiene ninguna administración aduanera miembro
# Al admitir una administración aduanera sin nombre.
error-Consortium-EmptyName = el nombre de la administración aduanera está vacío
# Nombre de la administración aduanera demasiado largo.
error-Consortium-NameTooLong = el nombre de la administración aduanera supera la longitud máxima (`MaxNameLength`)
# El consorcio está completo.
error-Consortium-TooManyMembers = el consorcio ya tiene el número máximo de miembros (`MaxMembers`)
# Al agregar un funcionario: la administración aduanera ya tiene el máximo.
error-Consortium-TooManyOfficers = la administración aduanera ya tiene el número máximo de funcionarios (`MaxOfficers`)
# Una cuenta solo puede ser funcionario de una administración aduanera.
error-Consortium-AlreadyOfficer = la cuenta ya es de un funcionario (de esta u otra administración aduanera)
# Una cuenta solo puede ser el validador de una administración aduanera.
error-Consortium-AlreadyValidator = la cuenta ya es el validador de una administración aduanera
# La cuenta con la que firma no está registrada como funcionario.
error-Consortium-NotOfficer = la cuenta con la que firma no es de un funcionario de ninguna administración aduanera
# Su administración aduanera está suspendida o retirada.
error-Consortium-MemberNotActive = su administración aduanera no está activa
# Gestionar funcionarios y nodos requiere el rol de Administrador.
error-Consortium-NotAdmin = la cuenta con la que firma no tiene el rol de Administrador
# Solo se gestionan los funcionarios de la propia administración aduanera.
error-Consortium-NotOwnOfficer = la cuenta no es de un funcionario de su administración aduanera
# Al agregar un funcionario o cambiar sus roles sin indicar ninguno.
error-Consortium-NoRoles = un funcionario necesita al menos un rol
# El valor de roles no corresponde a Administrador, Registrador, Aprobador ni Auditor.
error-Consortium-InvalidRoles = el byte de roles tiene bits que no corresponden a ningún rol
# El Administrador principal ocupa el puesto de la administración aduanera en el consejo aduanero; solo el consejo lo reemplaza.
error-Consortium-PrimaryAdmin = el Administrador principal (el puesto en el consejo aduanero) no puede ser retirado ni perder el rol de Administrador
# P. ej. rehabilitar una administración aduanera que no está suspendida.
error-Consortium-WrongStatus = la administración aduanera no está en el estado del que parte este cambio
# La cadena necesita al menos un validador activo.
error-Consortium-LastActiveMember = el último miembro activo (el último validador) no puede retirarse
# Al reemplazar una cuenta por sí misma.
error-Consortium-SameAccount = la cuenta nueva es la misma que ya está en uso
# Límite de reemplazos de validadores; vuelva a intentarlo en una sesión posterior.
error-Consortium-TooManyReplacements = se reemplazaron `MaxMembers` validadores en las dos últimas sesiones
# Cada miembro del consejo aduanero tiene un cupo de mociones abiertas.
error-Consortium-TooManyOpenMotions = el miembro del consejo aduanero ya tiene `MaxOpenMotions` mociones abiertas; el cupo de una moción cerrada se libera con `Council.release_proposal_cost`
# Declaración de nodo con un peer id inválido.
error-Consortium-InvalidPeerId = el peer id no es un identificador de par de libp2p (un multihash de una clave pública)
# Dirección de nodo inválida, p. ej. `/dns4/cadena.aduana.example/tcp/30333` es válida.
error-Consortium-InvalidNodeAddress = la dirección no es una multiaddr con un host y un puerto TCP, sin parte `/p2p/`
# Cada nodo se declara una sola vez en el consorcio.
error-Consortium-NodeAlreadyDeclared = ese nodo ya está declarado (por esta u otra administración aduanera)
# Límite de nodos por administración aduanera.
error-Consortium-TooManyNodes = la administración aduanera ya declaró el número máximo de nodos (`MaxNodesPerMember`)
# Al cambiar la dirección de un nodo o retirarlo.
error-Consortium-NotOwnNode = su administración aduanera no declaró ningún nodo con ese peer id
# Al retirar el único nodo declarado.
error-Consortium-LastNode = una administración aduanera conserva al menos un nodo: declare primero el nuevo
# La declaración del nodo no está firmada con su clave de nodo para esta cadena y este país.
error-Consortium-BadNodeSignature = la firma de la declaración no es la de la clave del nodo sobre esta cadena, esta administración aduanera, este peer id y esta dirección (`cadena-node declare-node` la genera con la clave del nodo)
error-Consortium-InvalidEncryptionKey = la clave de cifrado es de orden pequeño (entre ellas, la de solo ceros): no es una clave pública X25519 utilizable


## Council: el consejo aduanero (un puesto por administración aduanera
## miembro) y sus mociones.

# La cuenta con la que firma no ocupa un puesto en el consejo aduanero.
error-Council-NotMember = la cuenta no es miembro del consejo aduanero
# Ya hay una moción abierta con la misma llamada.
error-Council-DuplicateProposal = ya existe una moción idéntica
# La moción no existe (nunca existió, o ya se cerró).
error-Council-ProposalMissing = la moción no existe
# El índice no es el de la moción indicada.
error-Council-WrongIndex = el índice no corresponde a la moción
# Ya votó en ese mismo sentido en esta moción.
error-Council-DuplicateVote = voto duplicado: no se tomó en cuenta
# Error de configuración inicial del consejo aduanero.
error-Council-AlreadyInitialized = los miembros del consejo aduanero ya están inicializados
# Faltan votos a favor y el plazo de votación de la moción todavía no termina.
error-Council-TooEarly = se intentó cerrar la moción demasiado pronto, antes de que termine la votación
# Límite de mociones activas del consejo aduanero.
error-Council-TooManyProposals = solo puede haber un máximo de `MaxProposals` mociones activas
# Al cerrar una moción: el límite de peso indicado es menor que el de su llamada.
error-Council-WrongProposalWeight = el límite de peso indicado para la moción es demasiado bajo
# Al cerrar una moción: el límite de longitud indicado es menor que el de su llamada.
error-Council-WrongProposalLength = el límite de longitud indicado para la moción es demasiado bajo
# El miembro principal (prime) del consejo aduanero debe ocupar uno de sus puestos.
error-Council-PrimeAccountNotMember = la cuenta designada como miembro principal (prime) no es miembro del consejo aduanero
# Al liberar el cupo de una moción (`release_proposal_cost`) que aún no se cierra.
error-Council-ProposalActive = la moción sigue activa


## TinRegistry: los TIN de los operadores, sus datos y sus cuentas
## vinculadas.

# TIN vacío.
error-TinRegistry-EmptyTin = el TIN está vacío
# P. ej. `MX` sin nada después.
error-TinRegistry-MissingNationalId = el TIN tiene código de país pero no identificador nacional
# El identificador nacional admite de 1 a 15 caracteres.
error-TinRegistry-TinTooLong = el identificador nacional del TIN tiene más de 15 caracteres
# Los TIN van en mayúsculas (también la `Ñ`).
error-TinRegistry-LowerCaseTin = el TIN tiene letras minúsculas
# Se admiten `A`–`Z`, `0`–`9` y los caracteres propios del formato del país (en México, `Ñ` y `&`).
error-TinRegistry-InvalidTinCharacter = el TIN tiene un carácter que no es `A`–`Z` ni `0`–`9`
# Los dos primeros caracteres deben ser un código de país.
error-TinRegistry-UnknownTinCountry = el TIN no empieza con un código de país ISO 3166-1 alfa-2
# La cuenta con la que firma no está registrada como funcionario, o su administración aduanera no está activa.
error-TinRegistry-NotOfficer = la cuenta con la que firma no es de un funcionario de una administración aduanera activa
# Registrar, actualizar, cerrar o reabrir TIN requiere el rol de Registrador.
error-TinRegistry-NotRegistrar = la cuenta con la que firma no tiene el rol de Registrador
# Solo se gestionan los TIN del país de su administración aduanera.
error-TinRegistry-OtherCountry = el TIN pertenece a la administración aduanera de otro país
# Al registrar un TIN que ya existe; para cambiar sus datos, actualícelo.
error-TinRegistry-AlreadyRegistered = el TIN ya está registrado
# El TIN no existe en el registro.
error-TinRegistry-UnknownTin = el TIN no está registrado
# Un TIN cerrado no admite cambios; un Registrador de su país puede reabrirlo.
error-TinRegistry-TinClosed = el TIN está cerrado
# La razón social es obligatoria.
error-TinRegistry-EmptyLegalName = la razón social está vacía
# Razón social demasiado larga.
error-TinRegistry-LegalNameTooLong = la razón social supera la longitud máxima (`MaxTextLength`)
# Nombre comercial demasiado largo.
error-TinRegistry-TradeNameTooLong = el nombre comercial supera la longitud máxima (`MaxTextLength`)
# Calle demasiado larga.
error-TinRegistry-StreetTooLong = la calle supera la longitud máxima (`MaxTextLength`)
# Ciudad demasiado larga.
error-TinRegistry-CityTooLong = la ciudad supera la longitud máxima (`MaxTextLength`)
# Código postal demasiado largo.
error-TinRegistry-PostalCodeTooLong = el código postal supera los 16 bytes
# La región debe ser una subdivisión ISO 3166-2 del país del TIN.
error-TinRegistry-InvalidRegion = la región no es un código ISO 3166-2 del país del TIN (`MX-CMX`)
# La solicitud de vinculación debe firmarla el operador con la clave de la cuenta que se vincula.
error-TinRegistry-BadLinkSignature = la firma del operador sobre la solicitud de vinculación no es válida
# Una cuenta se vincula a un solo TIN.
error-TinRegistry-AlreadyLinked = la cuenta ya está vinculada a un TIN
# Límite de cuentas vinculadas por TIN.
error-TinRegistry-TooManyLinkedAccounts = el TIN ya tiene el número máximo de cuentas vinculadas (`MaxLinkedAccounts`)
# Al desvincular una cuenta.
error-TinRegistry-NotLinked = la cuenta no está vinculada a ese TIN
# Un Registrador cambia el consentimiento solo de un operador sin cuenta vinculada.
error-TinRegistry-ConsentIsTheTraders = el operador tiene una cuenta vinculada: solo él puede cambiar su consentimiento
# El operador debe firmar una nueva solicitud de vinculación.
error-TinRegistry-LinkRequestExpired = la solicitud de vinculación venció: ya pasó su bloque `valid_until`
# Al reabrir un TIN que no está cerrado.
error-TinRegistry-NotClosed = el TIN no está cerrado
# Al publicar una clave de cifrado de ceros.
error-TinRegistry-InvalidEncryptionKey = la clave de cifrado es de orden pequeño (entre ellas, la de solo ceros): no es una clave pública X25519 utilizable
# El esquema o el valor de un identificador de socio está vacío, es demasiado largo o tiene otros caracteres.
error-TinRegistry-InvalidPartnerId = el esquema o el valor de un identificador de socio está vacío, es demasiado largo o tiene caracteres distintos de `A`–`Z` y `0`–`9` (y `-`, `/`, `.` en un valor)
# Un identificador de socio figura dos veces.
error-TinRegistry-DuplicatePartnerId = un identificador de socio figura dos veces
# Otro TIN del país ya tiene ese identificador.
error-TinRegistry-PartnerIdTaken = otro TIN del país ya tiene uno de los identificadores de socio indicados


## AeoCertificates: los certificados OEA, su ciclo de vida y su historial.

# La cuenta con la que firma no está registrada como funcionario, o su administración aduanera no está activa.
error-AeoCertificates-NotOfficer = la cuenta con la que firma no es de un funcionario de una administración aduanera activa
# Otorgar, suspender, rehabilitar, revocar y renovar requiere el rol de Aprobador.
error-AeoCertificates-NotApprover = la cuenta con la que firma no tiene el rol de Aprobador
# Modificar los datos de un certificado requiere el rol de Registrador o de Aprobador.
error-AeoCertificates-NotRegistrarOrApprover = la cuenta con la que firma no tiene el rol de Registrador ni el de Aprobador
# Solo la administración aduanera emisora modifica sus certificados.
error-AeoCertificates-OtherCountry = el certificado (o su titular) pertenece a la administración aduanera de otro país
# Número de autorización vacío.
error-AeoCertificates-EmptyAuthorizationNumber = el número de autorización está vacío
# El número de autorización admite de 1 a 35 caracteres.
error-AeoCertificates-AuthorizationNumberTooLong = el número de autorización tiene más de 35 caracteres
# Caracteres admitidos en el número de autorización: `A`–`Z`, `0`–`9`, `-`, `/`.
error-AeoCertificates-InvalidAuthorizationNumber = el número de autorización tiene un carácter que no es `A`–`Z`, `0`–`9`, `-` ni `/`
# TIN del titular vacío.
error-AeoCertificates-EmptyTin = el TIN del titular está vacío
# P. ej. `MX` sin nada después.
error-AeoCertificates-MissingNationalId = el TIN del titular tiene código de país pero no identificador nacional
# El identificador nacional admite de 1 a 15 caracteres.
error-AeoCertificates-TinTooLong = el identificador nacional del TIN del titular tiene más de 15 caracteres
# Los TIN van en mayúsculas (también la `Ñ`).
error-AeoCertificates-LowerCaseTin = el TIN del titular tiene letras minúsculas
# Se admiten `A`–`Z`, `0`–`9` y los caracteres propios del formato del país (en México, `Ñ` y `&`).
error-AeoCertificates-InvalidTinCharacter = el TIN del titular tiene un carácter que no es `A`–`Z` ni `0`–`9`
# Los dos primeros caracteres deben ser un código de país.
error-AeoCertificates-UnknownTinCountry = el TIN del titular no empieza con un código de país ISO 3166-1 alfa-2
# Registre primero el TIN del titular.
error-AeoCertificates-UnknownHolder = el TIN del titular no está registrado
# Un certificado necesita un titular con TIN abierto.
error-AeoCertificates-HolderClosed = el TIN del titular está cerrado
# Indique al menos una función del operador (importador, exportador, ...).
error-AeoCertificates-NoOperatorRoles = el certificado no indica ninguna función del operador
# La fecha de autorización no puede ser futura.
error-AeoCertificates-AuthorizedInFuture = la fecha de autorización es posterior a hoy
# La fecha de vencimiento debe ser futura.
error-AeoCertificates-ExpiryNotInFuture = la fecha de vencimiento no es posterior a hoy
# Texto del motivo demasiado largo.
error-AeoCertificates-ReasonTooLong = el motivo cifrado supera la longitud máxima (`MaxReasonLength`)
error-AeoCertificates-ReasonNotSealed = el texto de un motivo debe estar vacío o cifrado: versión del registro (u32 LE), nonce (12), texto cifrado y etiqueta (16)
error-AeoCertificates-ReasonKeyNotCurrent = el motivo está cifrado con otra versión del registro del titular que la que admite ahora: el registro no está cifrado o debe cifrarse de nuevo antes (un lector lo perdió)
# Los números de autorización son únicos en cada país emisor.
error-AeoCertificates-AlreadyGranted = este país ya otorgó un certificado con este número
# Al otorgar en lote sin ningún certificado.
error-AeoCertificates-EmptyBatch = el lote está vacío
# Revise el número de autorización y el país emisor.
error-AeoCertificates-UnknownCertificate = ningún certificado tiene este identificador
# Al suspender un certificado ya suspendido.
error-AeoCertificates-AlreadySuspended = suspender: el certificado ya está suspendido
# Al rehabilitar un certificado que no está suspendido.
error-AeoCertificates-NotSuspended = rehabilitar, o prever el fin de una suspensión: el certificado no está suspendido
# Al prever el fin de una suspensión.
error-AeoCertificates-PlannedEndNotInFuture = el fin previsto de una suspensión no es posterior a hoy
# Al renovar un certificado suspendido.
error-AeoCertificates-CertificateSuspended = renovar: un certificado suspendido debe rehabilitarse primero
# Un certificado vencido no se suspende, rehabilita ni revoca.
error-AeoCertificates-CertificateExpired = el certificado está vencido: solo puede renovarse (o modificarse)
# La revocación es definitiva.
error-AeoCertificates-CertificateRevoked = el certificado está revocado: ya no admite ningún cambio


## Mra: los Acuerdos de Reconocimiento Mutuo (ARM), sus partes y sus
## mociones.

# La cuenta con la que firma no está registrada como funcionario, o su administración aduanera no está activa.
error-Mra-NotOfficer = la cuenta con la que firma no es de un funcionario de una administración aduanera activa
# Proponer, firmar, suspender, reanudar y dar por terminado un ARM requiere el rol de Administrador.
error-Mra-NotAdmin = la cuenta con la que firma no tiene el rol de Administrador
# Solo las partes de un ARM actúan sobre él.
error-Mra-NotAParty = su administración aduanera no es parte del ARM
# Código de país que la norma ISO 3166-1 no asigna.
error-Mra-UnknownCountry = un código de país no es un código ISO 3166-1 alfa-2
# Cada parte debe ser una administración aduanera miembro activa.
error-Mra-PartyNotActiveMember = una de las partes no es una administración aduanera miembro activa
# Cada país figura una sola vez entre las partes.
error-Mra-DuplicateParty = un país figura dos veces entre las partes
# Un ARM tiene al menos dos partes.
error-Mra-TooFewParties = un ARM necesita al menos dos partes
# Un ARM tiene como máximo 16 partes.
error-Mra-TooManyParties = más partes de las que un ARM puede tener
# El ARM necesita un nombre o referencia.
error-Mra-EmptyName = el nombre está vacío
# Nombre del ARM demasiado largo.
error-Mra-NameTooLong = el nombre supera la longitud máxima (`MaxNameLength`)
# El alcance debe indicar al menos un tipo de OEA.
error-Mra-EmptyScope = el alcance no indica ningún tipo de OEA
# Cada dirección es un par (emisor, reconocedor) de dos partes distintas.
error-Mra-InvalidDirection = una dirección no es entre dos partes distintas
# Sin direcciones, el ARM no tendría efecto.
error-Mra-NoDirections = no se indicó ninguna dirección: nadie reconocería a nadie
# La fecha de entrada en vigor no puede ser pasada.
error-Mra-EffectiveInPast = la fecha de entrada en vigor es anterior a hoy
# Revise el número del ARM.
error-Mra-UnknownMra = ningún ARM tiene este número
# Al firmar cuando no hay nada que firmar.
error-Mra-NoMotion = ninguna moción espera firmas en este ARM
# Una sola moción a la vez por ARM.
error-Mra-MotionPending = otra moción ya espera firmas en este ARM
# Cada parte firma una moción una sola vez.
error-Mra-AlreadySigned = su administración aduanera ya firmó la moción
# Al proponer como nueva parte a un país que ya lo es.
error-Mra-AlreadyParty = el país ya es parte
# P. ej. al suspender un ARM que no está en vigor.
error-Mra-NotInForce = el ARM no está en vigor
# Al pedir la reanudación de un ARM que no está suspendido.
error-Mra-NotSuspended = el ARM no está suspendido
# La terminación es definitiva.
error-Mra-Terminated = el ARM se dio por terminado: ya no admite ningún cambio
# Límite de la lista común de ARM firmados que esperan su fecha de entrada en vigor.
error-Mra-TooManyAwaiting = demasiados ARM esperan su fecha de entrada en vigor
# No quedan números de ARM disponibles.
error-Mra-NoMraNumberLeft = ya se asignaron todos los números de ARM
# Cada par (emisor, reconocedor) figura una sola vez.
error-Mra-DuplicateDirection = una dirección figura dos veces
# Límite de ARM vigentes (no terminados) por país.
error-Mra-TooManyMras = una de las partes ya es parte de `MaxMrasPerCountry` ARM vigentes
# Límite de propuestas sin firmar por administración aduanera.
error-Mra-TooManyProposals = su administración aduanera tiene `MaxProposalsPerCountry` propuestas que aún no firman todas las partes
# Límite de ARM que esperan su fecha de entrada en vigor, por parte.
error-Mra-TooManyAwaitingForParty = una de las partes ya es parte de `MaxAwaitingPerCountry` ARM que esperan su fecha de entrada en vigor
# La moción firmada debe ser exactamente la que espera firmas.
error-Mra-WrongMotion = la moción indicada no es la que espera firmas
# Se propusieron beneficios para una dirección que el ARM no tiene.
error-Mra-BenefitsForNoDirection = se propusieron beneficios para una dirección que el ARM no tiene
# Una dirección recibió dos conjuntos de beneficios en la propuesta.
error-Mra-DuplicateBenefits = se propusieron beneficios dos veces para una misma dirección
# La enmienda nombra una dirección que el ARM no tiene.
error-Mra-NoSuchDirection = el ARM no tiene esa dirección
# Solo el emisor y el reconocedor de una dirección cambian sus beneficios.
error-Mra-NotOfDirection = solo el país emisor y el país que reconoce en esa dirección cambian sus beneficios
# Una enmienda de esa dirección ya espera su fecha.
error-Mra-AmendmentScheduled = una enmienda de los beneficios de esa dirección ya espera su fecha
# Uno de los dos lados ya tiene el máximo de enmiendas esperando su fecha.
error-Mra-TooManyScheduled = uno de los lados de la dirección ya tiene `MaxAwaitingPerCountry` enmiendas que esperan su fecha
# Un beneficio sin roles de operador.
error-Mra-GrantWithoutRoles = un beneficio no indica ningún rol de operador
# Los roles de un beneficio deben ir ordenados y sin repetirse.
error-Mra-GrantRolesNotSorted = los roles de un beneficio no están ordenados, o uno se repite
# Un beneficio sin tipos de OEA.
error-Mra-GrantWithoutAeoTypes = un beneficio no indica ningún tipo de OEA
# Los tipos de OEA de un beneficio deben ir ordenados y sin repetirse.
error-Mra-GrantAeoTypesNotSorted = los tipos de OEA de un beneficio no están ordenados, o uno se repite
# Un beneficio cubre un tipo de OEA que el ARM no reconoce.
error-Mra-GrantAeoTypeOutOfScope = un beneficio cubre un tipo de OEA que el ARM no reconoce
# El parámetro no corresponde al código del beneficio.
error-Mra-GrantBadParameter = el parámetro de un beneficio no corresponde a su código: sobra, falta, o una tasa supera 1000 por mil
# Un código nacional vacío o con otros caracteres.
error-Mra-GrantBadNationalCode = un código de beneficio nacional está vacío o tiene caracteres distintos de `A`–`Z`, `0`–`9`, `-` y `_`
# Los beneficios deben ir ordenados y sin repetirse.
error-Mra-GrantsNotSorted = los beneficios no están ordenados, o uno se repite
# Ya hay un evento de continuidad del negocio declarado.
error-Mra-ContinuityAlreadyDeclared = su administración aduanera ya declaró un evento de continuidad del negocio
# No hay un evento de continuidad del negocio que terminar.
error-Mra-NoContinuityEvent = su administración aduanera no tiene un evento de continuidad del negocio declarado


## Confidential: los registros confidenciales de los operadores (sellados) y
## los envoltorios de su clave de datos para cada lector con derecho.

error-Confidential-InvalidTin = el TIN está mal formado
error-Confidential-NotOfficer = quien envía no es funcionario de una administración aduanera activa
error-Confidential-NotRegistrar = quien envía no tiene el rol de Registrador
error-Confidential-OtherCountry = el TIN pertenece a la administración aduanera de otro país
error-Confidential-UnknownTin = el TIN no está registrado
error-Confidential-WrongVersion = la versión no es la siguiente del registro (para sellar) ni la actual (para añadir envoltorios)
error-Confidential-NoRecord = el registro aún no está sellado
error-Confidential-IssuerWrapMissing = una versión nueva debe llevar el envoltorio de su administración emisora
error-Confidential-NotEntitled = un envoltorio es para un lector sin derecho al registro (o sin clave publicada)
error-Confidential-StaleKey = un envoltorio se hizo para otra clave que la publicada por el lector
error-Confidential-DuplicateReader = un lector tiene dos envoltorios en una llamada
error-Confidential-RevocationPending = se están eliminando los envoltorios del lector de esta administración emisora
error-Confidential-TooManyReaders = el registro ya tiene envoltorios para tantos lectores como admite
error-Confidential-NoSuchReader = un envoltorio nombra un lugar más allá de la lista de lectores de la llamada
