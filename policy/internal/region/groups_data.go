package region

// This file is data. Every list carries the date it is known correct at and
// where it comes from; a change here must update both, and the tests that pin
// each list (groups_test.go) so that the change is visible in review. How the
// lists were checked, and what could not be, is in doc.go.
//
// Codes are ISO 3166-1 alpha-2. Territories with their own ISO code (FO, GG,
// GI, IM, JE) are listed under that code. Territories that belong to a member
// state but have their own code (for example AX, GF, GP, MQ, RE, YT for the
// EU; SJ, which Norway holds but the EEA Agreement does not cover) are not
// members of EU or EEA here: each group lists states, and a policy that
// means "where the GDPR applies" must say so itself.

// Scopes of partial adequacy, shared where the UK carried an EU decision over
// unchanged (Data Protection Act 2018, Schedule 21, paragraph 5).
const (
	scopeCanadaPIPEDA = "only recipients subject to the Personal Information Protection and " +
		"Electronic Documents Act (PIPEDA), that is commercial organisations (Commission Decision 2002/2/EC)"
	scopeIsraelAutomated = "only automated international transfers, or non-automated transfers " +
		"subject to further automated processing in Israel, to the State of Israel as defined in " +
		"international law, not the areas under Israeli administration since 5 June 1967 " +
		"(Commission Decision 2011/61/EU)"
	scopeJapanAPPI = "only personal information handling business operators subject to the Act on " +
		"the Protection of Personal Information (APPI), that is the private sector, with the " +
		"supplementary rules of Commission Implementing Decision (EU) 2019/419"
)

// groupTable holds the groups, sorted by name.
var groupTable = [...]groupData{
	{
		name:  "BUDAPEST",
		title: "Parties to the Council of Europe Convention on Cybercrime (Budapest Convention, ETS No. 185)",
		// States that have deposited an instrument of ratification or
		// accession; signatories (Ireland, South Africa) and invited states
		// are not Parties. The Council of Europe reported 76 Parties on
		// 2024-10-09 (Committee of Ministers invitation of Kenya, Malawi and
		// Papua New Guinea); this list has 76 entries and includes the
		// accessions checked one by one: Cameroon (2023-12), Tunisia
		// (2024-03-08), Sierra Leone (2024-04-19), Grenada (2024), Benin,
		// Fiji and Kiribati (2024-06-20).
		// NOT VERIFIED: accessions after 2024-10-09. New Zealand is reported
		// to have acceded after its Budapest Convention and Related Matters
		// Legislation Amendment Act 2025 (assent 2025-07-30); the date could
		// not be confirmed against the Treaty Office chart, so it is not
		// listed.
		asOf: "2024-10-09",
		source: "Council of Europe Treaty Office, Chart of signatures and ratifications of Treaty 185, " +
			"https://www.coe.int/en/web/conventions/full-list?module=signatures-by-treaty&treatynum=185; " +
			"Council of Europe Cybercrime Division, The Budapest Convention, " +
			"https://www.coe.int/en/web/cybercrime/the-budapest-convention",
		members: []string{
			"AD", "AL", "AM", "AR", "AT", "AU", "AZ", "BA", "BE", "BG", "BJ", "BR", "CA", "CH", "CI", "CL",
			"CM", "CO", "CR", "CV", "CY", "CZ", "DE", "DK", "DO", "EE", "ES", "FI", "FJ", "FR", "GB", "GD",
			"GE", "GH", "GR", "HR", "HU", "IL", "IS", "IT", "JP", "KI", "LI", "LK", "LT", "LU", "LV", "MA",
			"MC", "MD", "ME", "MK", "MT", "MU", "NG", "NL", "NO", "PA", "PE", "PH", "PL", "PT", "PY", "RO",
			"RS", "SE", "SI", "SK", "SL", "SM", "SN", "TN", "TO", "TR", "UA", "US",
		},
	},
	{
		name:  "EEA",
		title: "States of the European Economic Area (EU member states, Iceland, Liechtenstein, Norway)",
		// The EU list plus the three EEA EFTA states; Switzerland is not in
		// the EEA.
		asOf: "2026-11-27",
		source: "Agreement on the European Economic Area, OJ L 1, 3.1.1994, p. 3; EFTA, The EEA Agreement, " +
			"https://www.efta.int/eea",
		members: []string{
			"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IS",
			"IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
		},
	},
	{
		name:  "EU",
		title: "Member states of the European Union",
		// Unchanged since the United Kingdom left on 2020-01-31; no accession
		// treaty was in force when checked. Not x/text's EU macro-region,
		// which (CLDR 32) still contains GB.
		asOf: "2026-11-27",
		source: "European Union, EU countries, " +
			"https://european-union.europa.eu/principles-countries-history/eu-countries_en",
		members: []string{
			"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
			"LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
		},
	},
	{
		name:  "EU_ADEQUACY",
		title: "Countries and territories with a European Commission adequacy decision (GDPR Article 45)",
		// Transfers from the EEA. Brazil: Commission Implementing Decision
		// (EU) 2026/179 of 26 January 2026 (OJ 28.1.2026). United Kingdom:
		// GDPR decision renewed on 19 December 2025, to 27 December 2031.
		// The European Patent Organisation also has a decision (July 2025)
		// but is an international organisation, not a country.
		// The complete list was read from a third-party reference that
		// states it was checked against the Commission's page on 2026-08-05;
		// the Commission's page itself was available only in an older copy.
		asOf: "2026-08-05",
		source: "European Commission, Adequacy decisions, " +
			"https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en; " +
			"Commission Implementing Decision (EU) 2026/179 (Brazil), OJ 28.1.2026",
		members: []string{
			"AD", "AR", "BR", "CA", "CH", "FO", "GB", "GG", "IL", "IM", "JE", "JP", "KR", "NZ", "US", "UY",
		},
		partial: []qualification{
			{"CA", scopeCanadaPIPEDA},
			{"IL", scopeIsraelAutomated},
			{"JP", scopeJapanAPPI},
			{"KR", "only recipients subject to the Personal Information Protection Act (PIPA); excludes " +
				"processing of personal credit information under the Credit Information Act by controllers " +
				"supervised by the Financial Services Commission, missionary activities of religious " +
				"organisations and nomination of candidates by political parties " +
				"(Commission Implementing Decision (EU) 2022/254)"},
			{"US", "only organisations certified under the EU-US Data Privacy Framework " +
				"(Commission Implementing Decision (EU) 2023/1795)"},
		},
	},
	{
		name:  "FIVE_EYES",
		title: "Five Eyes (UKUSA Agreement) countries",
		asOf:  "2026-11-27",
		source: "UKUSA Agreement (1946); members as listed by the Five Eyes Intelligence Oversight and " +
			"Review Council, https://www.igis.gov.au/about/cooperation/fiorc",
		members: []string{"AU", "CA", "GB", "NZ", "US"},
	},
	{
		name: "UK_ADEQUACY",
		title: "Countries and territories covered by UK adequacy regulations (data bridges), " +
			"UK GDPR Article 45 and Data Protection Act 2018 section 17A",
		// Transfers from the United Kingdom. The EEA states and Gibraltar,
		// and the countries the EU had found adequate at the end of the
		// transition period, under Data Protection Act 2018, Schedule 21,
		// paragraphs 4 and 5 (the EU institutions are covered too but are not
		// a country); the Republic of Korea from 2022-12-19 (SI 2022/1213);
		// the United States from 2023-10-12 (SI 2023/1028). Brazil and the
		// other EU decisions adopted after 2020 are not UK adequacy
		// regulations.
		// NOT VERIFIED: that no regulations were made after SI 2023/1028; a
		// third-party reference dated 2026-08-05 names none, and the ICO's
		// list could not be read in full.
		asOf: "2026-08-05",
		source: "Data Protection Act 2018, Schedule 21, paragraphs 4-5; The Data Protection (Adequacy) " +
			"(Republic of Korea) Regulations 2022, SI 2022/1213, https://www.legislation.gov.uk/uksi/2022/1213; " +
			"The Data Protection (Adequacy) (United States of America) Regulations 2023, SI 2023/1028, " +
			"https://www.legislation.gov.uk/uksi/2023/1028; ICO, Is the restricted transfer covered by " +
			"adequacy regulations?, https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/" +
			"international-transfers/adequacy-regulations/is-the-restricted-transfer-covered-by-adequacy-regulations/",
		members: []string{
			"AD", "AR", "AT", "BE", "BG", "CA", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FO", "FR",
			"GG", "GI", "GR", "HR", "HU", "IE", "IL", "IM", "IS", "IT", "JE", "JP", "KR", "LI", "LT", "LU",
			"LV", "MT", "NL", "NO", "NZ", "PL", "PT", "RO", "SE", "SI", "SK", "US", "UY",
		},
		partial: []qualification{
			{"CA", scopeCanadaPIPEDA},
			{"IL", scopeIsraelAutomated},
			{"JP", scopeJapanAPPI},
			{"KR", "only recipients subject to the Personal Information Protection Act (PIPA); unlike " +
				"the EU decision, includes personal credit information (SI 2022/1213)"},
			{"US", "only organisations certified to the UK Extension to the EU-US Data Privacy " +
				"Framework (SI 2023/1028)"},
		},
	},
}
