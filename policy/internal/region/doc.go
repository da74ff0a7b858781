// Package region holds airlock's jurisdiction data: a dated table of ISO
// 3166-1 alpha-2 country codes, and dated, sourced groups of countries (EU,
// EEA, Five Eyes, Budapest Convention Parties, EU and UK adequacy) that a
// policy names in rules such as "personal data of UK and EU residents only to
// adequate destinations" or "this report stays inside the Five Eyes".
//
// # Countries
//
// Country canonicalises and validates a code. golang.org/x/text/language
// canonicalises aliases but does not validate: it parses "EU", "150" and
// "ZZ", and reports EZ, UN and XK as countries. So the package ships its own
// table of the 249 officially assigned codes (CountryTableSource,
// CountryTableAsOf) and accepts only those, plus UK, which x/text maps to GB.
// Every other alias x/text knows (BU, TP, ZR, DD, FX, ...) is rejected; the
// reasons are on acceptedAliases in country.go. Alpha-3 ("GBR") and numeric
// ("826") codes are not accepted: policy authors and detectors write alpha-2,
// and a second spelling would be a second thing to get wrong. The European
// Commission's EL for Greece is not accepted either.
//
// # Groups
//
// Groups and LookupGroup return the lists below, each with the date it is
// known correct at (AsOf) and its Source. Members are states or territories
// with their own ISO code (FO, GG, GI, IM, JE); an overseas territory with its
// own code is not a member of its state's groups (RE is not in EU). Partial
// marks members that are in a group only for some recipients: in EU_ADEQUACY
// and UK_ADEQUACY, Canada (PIPEDA, commercial organisations), Israel
// (automated transfers), Japan (APPI, private sector), the Republic of Korea
// (PIPA) and the United States (Data Privacy Framework participants). A rule
// engine must treat a partial member as adequate only when the policy says
// the recipient is in scope.
//
//	BUDAPEST     76 Parties (ratified or acceded; not signatories)  as of 2024-10-09
//	EEA          EU + IS, LI, NO                                    as of 2026-11-27
//	EU           27 member states                                   as of 2026-11-27
//	EU_ADEQUACY  16, including Brazil (Decision (EU) 2026/179)      as of 2026-08-05
//	FIVE_EYES    AU, CA, GB, NZ, US                                 as of 2026-11-27
//	UK_ADEQUACY  45: EEA, GI, pre-2021 EU decisions, KR, US         as of 2026-08-05
//
// The EU group is this package's own list, not x/text's EU macro-region,
// which (CLDR 32) still contains GB.
//
// What was checked and what was not: the EU, EEA and Five Eyes lists have not
// changed in years and were checked against current secondary sources on
// their AsOf date. The Budapest list matches the Council of Europe's count of
// 76 Parties on 2024-10-09, with the 2023-2024 accessions checked one by one;
// accessions after that date were not verified, and New Zealand, reported to
// have acceded in 2025, is not listed. The EU adequacy list (including Brazil
// and the UK renewal of December 2025) is as a third-party reference reports
// the Commission's page on 2026-08-05. The UK list rests on the legislation
// (Data Protection Act 2018 Schedule 21, SI 2022/1213, SI 2023/1028); that no
// later regulation exists was not verified.
//
// # Updating the data
//
// The country table is generated: install Debian's iso-codes package and run
// "go run gen_countries.go -version V -released YYYY-MM-DD" in this
// directory, then update CountryTableAsOf and the pinned count and names in
// country_test.go. The groups are hand-written in groups_data.go: change the
// members, AsOf and Source together, and the matching list in groups_test.go,
// so that every change to the data is a reviewed change. Check the sources
// named in each Source; for adequacy, read the decision itself for the scope
// of a partial member.
//
// All data is held in package-level tables that are never written after
// initialisation; every function returns copies and is safe for concurrent
// use.
package region
