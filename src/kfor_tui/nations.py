"""ISO 3166-1 alpha-3 nation table (Kosovo as XKX), generated once from iso-codes; edit by hand.

`suggest` names the code a writer meant when they wrote something else ("UK", "GER", "Britain")."""

from __future__ import annotations

import difflib
import unicodedata
from functools import lru_cache
from typing import NamedTuple


class Nation(NamedTuple):
    code: str
    alpha2: str
    name: str
    demonym: str
    aliases: tuple[str, ...]


NATIONS: dict[str, Nation] = {
    'ABW': Nation('ABW', 'AW', 'Aruba', '', ()),
    'AFG': Nation('AFG', 'AF', 'Afghanistan', '', ('Islamic Republic of Afghanistan',)),
    'AGO': Nation('AGO', 'AO', 'Angola', '', ('Republic of Angola',)),
    'AIA': Nation('AIA', 'AI', 'Anguilla', '', ()),
    'ALA': Nation('ALA', 'AX', 'Åland Islands', '', ()),
    'ALB': Nation('ALB', 'AL', 'Albania', 'Albanian', ('Republic of Albania',)),
    'AND': Nation('AND', 'AD', 'Andorra', '', ('Principality of Andorra',)),
    'ARE': Nation('ARE', 'AE', 'United Arab Emirates', '', ()),
    'ARG': Nation('ARG', 'AR', 'Argentina', '', ('Argentine Republic',)),
    'ARM': Nation('ARM', 'AM', 'Armenia', 'Armenian', ('Republic of Armenia',)),
    'ASM': Nation('ASM', 'AS', 'American Samoa', '', ()),
    'ATA': Nation('ATA', 'AQ', 'Antarctica', '', ()),
    'ATF': Nation('ATF', 'TF', 'French Southern Territories', '', ()),
    'ATG': Nation('ATG', 'AG', 'Antigua and Barbuda', '', ()),
    'AUS': Nation('AUS', 'AU', 'Australia', '', ()),
    'AUT': Nation('AUT', 'AT', 'Austria', 'Austrian', ('Republic of Austria',)),
    'AZE': Nation('AZE', 'AZ', 'Azerbaijan', 'Azerbaijani', ('Republic of Azerbaijan',)),
    'BDI': Nation('BDI', 'BI', 'Burundi', '', ('Republic of Burundi',)),
    'BEL': Nation('BEL', 'BE', 'Belgium', 'Belgian', ('Kingdom of Belgium',)),
    'BEN': Nation('BEN', 'BJ', 'Benin', '', ('Republic of Benin',)),
    'BES': Nation('BES', 'BQ', 'Bonaire, Sint Eustatius and Saba', '', ()),
    'BFA': Nation('BFA', 'BF', 'Burkina Faso', '', ()),
    'BGD': Nation('BGD', 'BD', 'Bangladesh', '', ("People's Republic of Bangladesh",)),
    'BGR': Nation('BGR', 'BG', 'Bulgaria', 'Bulgarian', ('Republic of Bulgaria',)),
    'BHR': Nation('BHR', 'BH', 'Bahrain', '', ('Kingdom of Bahrain',)),
    'BHS': Nation('BHS', 'BS', 'Bahamas', '', ('Commonwealth of the Bahamas',)),
    'BIH': Nation('BIH', 'BA', 'Bosnia and Herzegovina', 'Bosnian', ('Republic of Bosnia and Herzegovina',)),
    'BLM': Nation('BLM', 'BL', 'Saint Barthélemy', '', ()),
    'BLR': Nation('BLR', 'BY', 'Belarus', '', ('Republic of Belarus',)),
    'BLZ': Nation('BLZ', 'BZ', 'Belize', '', ()),
    'BMU': Nation('BMU', 'BM', 'Bermuda', '', ()),
    'BOL': Nation('BOL', 'BO', 'Bolivia', '', ('Bolivia, Plurinational State of', 'Plurinational State of Bolivia')),
    'BRA': Nation('BRA', 'BR', 'Brazil', '', ('Federative Republic of Brazil',)),
    'BRB': Nation('BRB', 'BB', 'Barbados', '', ()),
    'BRN': Nation('BRN', 'BN', 'Brunei Darussalam', '', ()),
    'BTN': Nation('BTN', 'BT', 'Bhutan', '', ('Kingdom of Bhutan',)),
    'BVT': Nation('BVT', 'BV', 'Bouvet Island', '', ()),
    'BWA': Nation('BWA', 'BW', 'Botswana', '', ('Republic of Botswana',)),
    'CAF': Nation('CAF', 'CF', 'Central African Republic', '', ()),
    'CAN': Nation('CAN', 'CA', 'Canada', 'Canadian', ()),
    'CCK': Nation('CCK', 'CC', 'Cocos (Keeling) Islands', '', ()),
    'CHE': Nation('CHE', 'CH', 'Switzerland', 'Swiss', ('Swiss Confederation',)),
    'CHL': Nation('CHL', 'CL', 'Chile', '', ('Republic of Chile',)),
    'CHN': Nation('CHN', 'CN', 'China', 'Chinese', ("People's Republic of China",)),
    'CIV': Nation('CIV', 'CI', "Côte d'Ivoire", '', ("Republic of Côte d'Ivoire",)),
    'CMR': Nation('CMR', 'CM', 'Cameroon', '', ('Republic of Cameroon',)),
    'COD': Nation('COD', 'CD', 'Congo, The Democratic Republic of the', '', ()),
    'COG': Nation('COG', 'CG', 'Congo', '', ('Republic of the Congo',)),
    'COK': Nation('COK', 'CK', 'Cook Islands', '', ()),
    'COL': Nation('COL', 'CO', 'Colombia', '', ('Republic of Colombia',)),
    'COM': Nation('COM', 'KM', 'Comoros', '', ('Union of the Comoros',)),
    'CPV': Nation('CPV', 'CV', 'Cabo Verde', '', ('Republic of Cabo Verde',)),
    'CRI': Nation('CRI', 'CR', 'Costa Rica', '', ('Republic of Costa Rica',)),
    'CUB': Nation('CUB', 'CU', 'Cuba', '', ('Republic of Cuba',)),
    'CUW': Nation('CUW', 'CW', 'Curaçao', '', ()),
    'CXR': Nation('CXR', 'CX', 'Christmas Island', '', ()),
    'CYM': Nation('CYM', 'KY', 'Cayman Islands', '', ()),
    'CYP': Nation('CYP', 'CY', 'Cyprus', '', ('Republic of Cyprus',)),
    'CZE': Nation('CZE', 'CZ', 'Czechia', 'Czech', ('Czech Republic', 'Czech Republic')),
    'DEU': Nation('DEU', 'DE', 'Germany', 'German', ('Federal Republic of Germany',)),
    'DJI': Nation('DJI', 'DJ', 'Djibouti', '', ('Republic of Djibouti',)),
    'DMA': Nation('DMA', 'DM', 'Dominica', '', ('Commonwealth of Dominica',)),
    'DNK': Nation('DNK', 'DK', 'Denmark', 'Danish', ('Kingdom of Denmark',)),
    'DOM': Nation('DOM', 'DO', 'Dominican Republic', '', ()),
    'DZA': Nation('DZA', 'DZ', 'Algeria', '', ("People's Democratic Republic of Algeria",)),
    'ECU': Nation('ECU', 'EC', 'Ecuador', '', ('Republic of Ecuador',)),
    'EGY': Nation('EGY', 'EG', 'Egypt', '', ('Arab Republic of Egypt',)),
    'ERI': Nation('ERI', 'ER', 'Eritrea', '', ('the State of Eritrea',)),
    'ESH': Nation('ESH', 'EH', 'Western Sahara', '', ()),
    'ESP': Nation('ESP', 'ES', 'Spain', 'Spanish', ('Kingdom of Spain',)),
    'EST': Nation('EST', 'EE', 'Estonia', 'Estonian', ('Republic of Estonia',)),
    'ETH': Nation('ETH', 'ET', 'Ethiopia', '', ('Federal Democratic Republic of Ethiopia',)),
    'FIN': Nation('FIN', 'FI', 'Finland', 'Finnish', ('Republic of Finland',)),
    'FJI': Nation('FJI', 'FJ', 'Fiji', '', ('Republic of Fiji',)),
    'FLK': Nation('FLK', 'FK', 'Falkland Islands (Malvinas)', '', ()),
    'FRA': Nation('FRA', 'FR', 'France', 'French', ('French Republic',)),
    'FRO': Nation('FRO', 'FO', 'Faroe Islands', '', ()),
    'FSM': Nation('FSM', 'FM', 'Micronesia, Federated States of', '', ('Federated States of Micronesia',)),
    'GAB': Nation('GAB', 'GA', 'Gabon', '', ('Gabonese Republic',)),
    'GBR': Nation('GBR', 'GB', 'United Kingdom', 'British', ('United Kingdom of Great Britain and Northern Ireland', 'UK', 'Britain', 'Great Britain')),
    'GEO': Nation('GEO', 'GE', 'Georgia', 'Georgian', ()),
    'GGY': Nation('GGY', 'GG', 'Guernsey', '', ()),
    'GHA': Nation('GHA', 'GH', 'Ghana', '', ('Republic of Ghana',)),
    'GIB': Nation('GIB', 'GI', 'Gibraltar', '', ()),
    'GIN': Nation('GIN', 'GN', 'Guinea', '', ('Republic of Guinea',)),
    'GLP': Nation('GLP', 'GP', 'Guadeloupe', '', ()),
    'GMB': Nation('GMB', 'GM', 'Gambia', '', ('Republic of the Gambia',)),
    'GNB': Nation('GNB', 'GW', 'Guinea-Bissau', '', ('Republic of Guinea-Bissau',)),
    'GNQ': Nation('GNQ', 'GQ', 'Equatorial Guinea', '', ('Republic of Equatorial Guinea',)),
    'GRC': Nation('GRC', 'GR', 'Greece', 'Greek', ('Hellenic Republic',)),
    'GRD': Nation('GRD', 'GD', 'Grenada', '', ()),
    'GRL': Nation('GRL', 'GL', 'Greenland', '', ()),
    'GTM': Nation('GTM', 'GT', 'Guatemala', '', ('Republic of Guatemala',)),
    'GUF': Nation('GUF', 'GF', 'French Guiana', '', ()),
    'GUM': Nation('GUM', 'GU', 'Guam', '', ()),
    'GUY': Nation('GUY', 'GY', 'Guyana', '', ('Republic of Guyana',)),
    'HKG': Nation('HKG', 'HK', 'Hong Kong', '', ('Hong Kong Special Administrative Region of China',)),
    'HMD': Nation('HMD', 'HM', 'Heard Island and McDonald Islands', '', ()),
    'HND': Nation('HND', 'HN', 'Honduras', '', ('Republic of Honduras',)),
    'HRV': Nation('HRV', 'HR', 'Croatia', 'Croatian', ('Republic of Croatia',)),
    'HTI': Nation('HTI', 'HT', 'Haiti', '', ('Republic of Haiti',)),
    'HUN': Nation('HUN', 'HU', 'Hungary', 'Hungarian', ()),
    'IDN': Nation('IDN', 'ID', 'Indonesia', '', ('Republic of Indonesia',)),
    'IMN': Nation('IMN', 'IM', 'Isle of Man', '', ()),
    'IND': Nation('IND', 'IN', 'India', '', ('Republic of India',)),
    'IOT': Nation('IOT', 'IO', 'British Indian Ocean Territory', '', ()),
    'IRL': Nation('IRL', 'IE', 'Ireland', 'Irish', ()),
    'IRN': Nation('IRN', 'IR', 'Iran', '', ('Iran, Islamic Republic of', 'Islamic Republic of Iran')),
    'IRQ': Nation('IRQ', 'IQ', 'Iraq', '', ('Republic of Iraq',)),
    'ISL': Nation('ISL', 'IS', 'Iceland', 'Icelandic', ('Republic of Iceland',)),
    'ISR': Nation('ISR', 'IL', 'Israel', '', ('State of Israel',)),
    'ITA': Nation('ITA', 'IT', 'Italy', 'Italian', ('Italian Republic',)),
    'JAM': Nation('JAM', 'JM', 'Jamaica', '', ()),
    'JEY': Nation('JEY', 'JE', 'Jersey', '', ()),
    'JOR': Nation('JOR', 'JO', 'Jordan', '', ('Hashemite Kingdom of Jordan',)),
    'JPN': Nation('JPN', 'JP', 'Japan', '', ()),
    'KAZ': Nation('KAZ', 'KZ', 'Kazakhstan', '', ('Republic of Kazakhstan',)),
    'KEN': Nation('KEN', 'KE', 'Kenya', '', ('Republic of Kenya',)),
    'KGZ': Nation('KGZ', 'KG', 'Kyrgyzstan', '', ('Kyrgyz Republic',)),
    'KHM': Nation('KHM', 'KH', 'Cambodia', '', ('Kingdom of Cambodia',)),
    'KIR': Nation('KIR', 'KI', 'Kiribati', '', ('Republic of Kiribati',)),
    'KNA': Nation('KNA', 'KN', 'Saint Kitts and Nevis', '', ()),
    'KOR': Nation('KOR', 'KR', 'South Korea', '', ('Korea, Republic of',)),
    'KWT': Nation('KWT', 'KW', 'Kuwait', '', ('State of Kuwait',)),
    'LAO': Nation('LAO', 'LA', 'Laos', '', ("Lao People's Democratic Republic",)),
    'LBN': Nation('LBN', 'LB', 'Lebanon', '', ('Lebanese Republic',)),
    'LBR': Nation('LBR', 'LR', 'Liberia', '', ('Republic of Liberia',)),
    'LBY': Nation('LBY', 'LY', 'Libya', '', ()),
    'LCA': Nation('LCA', 'LC', 'Saint Lucia', '', ()),
    'LIE': Nation('LIE', 'LI', 'Liechtenstein', '', ('Principality of Liechtenstein',)),
    'LKA': Nation('LKA', 'LK', 'Sri Lanka', '', ('Democratic Socialist Republic of Sri Lanka',)),
    'LSO': Nation('LSO', 'LS', 'Lesotho', '', ('Kingdom of Lesotho',)),
    'LTU': Nation('LTU', 'LT', 'Lithuania', 'Lithuanian', ('Republic of Lithuania',)),
    'LUX': Nation('LUX', 'LU', 'Luxembourg', 'Luxembourgish', ('Grand Duchy of Luxembourg',)),
    'LVA': Nation('LVA', 'LV', 'Latvia', 'Latvian', ('Republic of Latvia',)),
    'MAC': Nation('MAC', 'MO', 'Macao', '', ('Macao Special Administrative Region of China',)),
    'MAF': Nation('MAF', 'MF', 'Saint Martin (French part)', '', ()),
    'MAR': Nation('MAR', 'MA', 'Morocco', 'Moroccan', ('Kingdom of Morocco',)),
    'MCO': Nation('MCO', 'MC', 'Monaco', '', ('Principality of Monaco',)),
    'MDA': Nation('MDA', 'MD', 'Moldova', 'Moldovan', ('Moldova, Republic of', 'Republic of Moldova')),
    'MDG': Nation('MDG', 'MG', 'Madagascar', '', ('Republic of Madagascar',)),
    'MDV': Nation('MDV', 'MV', 'Maldives', '', ('Republic of Maldives',)),
    'MEX': Nation('MEX', 'MX', 'Mexico', '', ('United Mexican States',)),
    'MHL': Nation('MHL', 'MH', 'Marshall Islands', '', ('Republic of the Marshall Islands',)),
    'MKD': Nation('MKD', 'MK', 'North Macedonia', 'North Macedonian', ('Republic of North Macedonia', 'Macedonia')),
    'MLI': Nation('MLI', 'ML', 'Mali', '', ('Republic of Mali',)),
    'MLT': Nation('MLT', 'MT', 'Malta', '', ('Republic of Malta',)),
    'MMR': Nation('MMR', 'MM', 'Myanmar', '', ('Republic of Myanmar',)),
    'MNE': Nation('MNE', 'ME', 'Montenegro', 'Montenegrin', ()),
    'MNG': Nation('MNG', 'MN', 'Mongolia', '', ()),
    'MNP': Nation('MNP', 'MP', 'Northern Mariana Islands', '', ('Commonwealth of the Northern Mariana Islands',)),
    'MOZ': Nation('MOZ', 'MZ', 'Mozambique', '', ('Republic of Mozambique',)),
    'MRT': Nation('MRT', 'MR', 'Mauritania', '', ('Islamic Republic of Mauritania',)),
    'MSR': Nation('MSR', 'MS', 'Montserrat', '', ()),
    'MTQ': Nation('MTQ', 'MQ', 'Martinique', '', ()),
    'MUS': Nation('MUS', 'MU', 'Mauritius', '', ('Republic of Mauritius',)),
    'MWI': Nation('MWI', 'MW', 'Malawi', '', ('Republic of Malawi',)),
    'MYS': Nation('MYS', 'MY', 'Malaysia', '', ()),
    'MYT': Nation('MYT', 'YT', 'Mayotte', '', ()),
    'NAM': Nation('NAM', 'NA', 'Namibia', '', ('Republic of Namibia',)),
    'NCL': Nation('NCL', 'NC', 'New Caledonia', '', ()),
    'NER': Nation('NER', 'NE', 'Niger', '', ('Republic of the Niger',)),
    'NFK': Nation('NFK', 'NF', 'Norfolk Island', '', ()),
    'NGA': Nation('NGA', 'NG', 'Nigeria', '', ('Federal Republic of Nigeria',)),
    'NIC': Nation('NIC', 'NI', 'Nicaragua', '', ('Republic of Nicaragua',)),
    'NIU': Nation('NIU', 'NU', 'Niue', '', ()),
    'NLD': Nation('NLD', 'NL', 'Netherlands', 'Dutch', ('Kingdom of the Netherlands', 'Holland')),
    'NOR': Nation('NOR', 'NO', 'Norway', 'Norwegian', ('Kingdom of Norway',)),
    'NPL': Nation('NPL', 'NP', 'Nepal', '', ('Federal Democratic Republic of Nepal',)),
    'NRU': Nation('NRU', 'NR', 'Nauru', '', ('Republic of Nauru',)),
    'NZL': Nation('NZL', 'NZ', 'New Zealand', '', ()),
    'OMN': Nation('OMN', 'OM', 'Oman', '', ('Sultanate of Oman',)),
    'PAK': Nation('PAK', 'PK', 'Pakistan', '', ('Islamic Republic of Pakistan',)),
    'PAN': Nation('PAN', 'PA', 'Panama', '', ('Republic of Panama',)),
    'PCN': Nation('PCN', 'PN', 'Pitcairn', '', ()),
    'PER': Nation('PER', 'PE', 'Peru', '', ('Republic of Peru',)),
    'PHL': Nation('PHL', 'PH', 'Philippines', '', ('Republic of the Philippines',)),
    'PLW': Nation('PLW', 'PW', 'Palau', '', ('Republic of Palau',)),
    'PNG': Nation('PNG', 'PG', 'Papua New Guinea', '', ('Independent State of Papua New Guinea',)),
    'POL': Nation('POL', 'PL', 'Poland', 'Polish', ('Republic of Poland',)),
    'PRI': Nation('PRI', 'PR', 'Puerto Rico', '', ()),
    'PRK': Nation('PRK', 'KP', 'North Korea', '', ("Korea, Democratic People's Republic of", "Democratic People's Republic of Korea")),
    'PRT': Nation('PRT', 'PT', 'Portugal', 'Portuguese', ('Portuguese Republic',)),
    'PRY': Nation('PRY', 'PY', 'Paraguay', '', ('Republic of Paraguay',)),
    'PSE': Nation('PSE', 'PS', 'Palestine, State of', '', ('the State of Palestine',)),
    'PYF': Nation('PYF', 'PF', 'French Polynesia', '', ()),
    'QAT': Nation('QAT', 'QA', 'Qatar', '', ('State of Qatar',)),
    'REU': Nation('REU', 'RE', 'Réunion', '', ()),
    'ROU': Nation('ROU', 'RO', 'Romania', 'Romanian', ()),
    'RUS': Nation('RUS', 'RU', 'Russia', 'Russian', ('Russia',)),
    'RWA': Nation('RWA', 'RW', 'Rwanda', '', ('Rwandese Republic',)),
    'SAU': Nation('SAU', 'SA', 'Saudi Arabia', '', ('Kingdom of Saudi Arabia',)),
    'SDN': Nation('SDN', 'SD', 'Sudan', '', ('Republic of the Sudan',)),
    'SEN': Nation('SEN', 'SN', 'Senegal', '', ('Republic of Senegal',)),
    'SGP': Nation('SGP', 'SG', 'Singapore', '', ('Republic of Singapore',)),
    'SGS': Nation('SGS', 'GS', 'South Georgia and the South Sandwich Islands', '', ()),
    'SHN': Nation('SHN', 'SH', 'Saint Helena, Ascension and Tristan da Cunha', '', ()),
    'SJM': Nation('SJM', 'SJ', 'Svalbard and Jan Mayen', '', ()),
    'SLB': Nation('SLB', 'SB', 'Solomon Islands', '', ()),
    'SLE': Nation('SLE', 'SL', 'Sierra Leone', '', ('Republic of Sierra Leone',)),
    'SLV': Nation('SLV', 'SV', 'El Salvador', '', ('Republic of El Salvador',)),
    'SMR': Nation('SMR', 'SM', 'San Marino', '', ('Republic of San Marino',)),
    'SOM': Nation('SOM', 'SO', 'Somalia', '', ('Federal Republic of Somalia',)),
    'SPM': Nation('SPM', 'PM', 'Saint Pierre and Miquelon', '', ()),
    'SRB': Nation('SRB', 'RS', 'Serbia', 'Serbian', ('Republic of Serbia',)),
    'SSD': Nation('SSD', 'SS', 'South Sudan', '', ('Republic of South Sudan',)),
    'STP': Nation('STP', 'ST', 'Sao Tome and Principe', '', ('Democratic Republic of Sao Tome and Principe',)),
    'SUR': Nation('SUR', 'SR', 'Suriname', '', ('Republic of Suriname',)),
    'SVK': Nation('SVK', 'SK', 'Slovakia', 'Slovak', ('Slovak Republic',)),
    'SVN': Nation('SVN', 'SI', 'Slovenia', 'Slovenian', ('Republic of Slovenia',)),
    'SWE': Nation('SWE', 'SE', 'Sweden', 'Swedish', ('Kingdom of Sweden',)),
    'SWZ': Nation('SWZ', 'SZ', 'Eswatini', '', ('Kingdom of Eswatini',)),
    'SXM': Nation('SXM', 'SX', 'Sint Maarten (Dutch part)', '', ()),
    'SYC': Nation('SYC', 'SC', 'Seychelles', '', ('Republic of Seychelles',)),
    'SYR': Nation('SYR', 'SY', 'Syria', '', ('Syrian Arab Republic',)),
    'TCA': Nation('TCA', 'TC', 'Turks and Caicos Islands', '', ()),
    'TCD': Nation('TCD', 'TD', 'Chad', '', ('Republic of Chad',)),
    'TGO': Nation('TGO', 'TG', 'Togo', '', ('Togolese Republic',)),
    'THA': Nation('THA', 'TH', 'Thailand', '', ('Kingdom of Thailand',)),
    'TJK': Nation('TJK', 'TJ', 'Tajikistan', '', ('Republic of Tajikistan',)),
    'TKL': Nation('TKL', 'TK', 'Tokelau', '', ()),
    'TKM': Nation('TKM', 'TM', 'Turkmenistan', '', ()),
    'TLS': Nation('TLS', 'TL', 'Timor-Leste', '', ('Democratic Republic of Timor-Leste',)),
    'TON': Nation('TON', 'TO', 'Tonga', '', ('Kingdom of Tonga',)),
    'TTO': Nation('TTO', 'TT', 'Trinidad and Tobago', '', ('Republic of Trinidad and Tobago',)),
    'TUN': Nation('TUN', 'TN', 'Tunisia', '', ('Republic of Tunisia',)),
    'TUR': Nation('TUR', 'TR', 'Türkiye', 'Turkish', ('Turkey', 'Turkiye', 'Republic of Türkiye')),
    'TUV': Nation('TUV', 'TV', 'Tuvalu', '', ()),
    'TWN': Nation('TWN', 'TW', 'Taiwan', '', ('Taiwan, Province of China',)),
    'TZA': Nation('TZA', 'TZ', 'Tanzania', '', ('Tanzania, United Republic of', 'United Republic of Tanzania')),
    'UGA': Nation('UGA', 'UG', 'Uganda', '', ('Republic of Uganda',)),
    'UKR': Nation('UKR', 'UA', 'Ukraine', 'Ukrainian', ()),
    'UMI': Nation('UMI', 'UM', 'United States Minor Outlying Islands', '', ()),
    'URY': Nation('URY', 'UY', 'Uruguay', '', ('Eastern Republic of Uruguay',)),
    'USA': Nation('USA', 'US', 'United States', 'American', ('United States of America', 'U.S.', 'US', 'United States of America', 'America')),
    'UZB': Nation('UZB', 'UZ', 'Uzbekistan', '', ('Republic of Uzbekistan',)),
    'VAT': Nation('VAT', 'VA', 'Holy See (Vatican City State)', '', ()),
    'VCT': Nation('VCT', 'VC', 'Saint Vincent and the Grenadines', '', ()),
    'VEN': Nation('VEN', 'VE', 'Venezuela', '', ('Venezuela, Bolivarian Republic of', 'Bolivarian Republic of Venezuela')),
    'VGB': Nation('VGB', 'VG', 'Virgin Islands, British', '', ('British Virgin Islands',)),
    'VIR': Nation('VIR', 'VI', 'Virgin Islands, U.S.', '', ('Virgin Islands of the United States',)),
    'VNM': Nation('VNM', 'VN', 'Vietnam', '', ('Viet Nam', 'Socialist Republic of Viet Nam')),
    'VUT': Nation('VUT', 'VU', 'Vanuatu', '', ('Republic of Vanuatu',)),
    'WLF': Nation('WLF', 'WF', 'Wallis and Futuna', '', ()),
    'WSM': Nation('WSM', 'WS', 'Samoa', '', ('Independent State of Samoa',)),
    'XKX': Nation('XKX', 'XK', 'Kosovo', 'Kosovar', ('Kosova', 'Kosovë')),
    'YEM': Nation('YEM', 'YE', 'Yemen', '', ('Republic of Yemen',)),
    'ZAF': Nation('ZAF', 'ZA', 'South Africa', '', ('Republic of South Africa',)),
    'ZMB': Nation('ZMB', 'ZM', 'Zambia', '', ('Republic of Zambia',)),
    'ZWE': Nation('ZWE', 'ZW', 'Zimbabwe', '', ('Republic of Zimbabwe',)),
}


# Codes writers use that are not ISO 3166-1 alpha-3: the EU's and everyday two-letter forms, ISO codes since
# withdrawn, Olympic (IOC) and FIFA codes, and Kosovo's other codes. Each maps to the ISO code meant.
OTHER_CODES: dict[str, str] = {
    # two-letter forms that are not the ISO alpha-2
    "UK": "GBR", "EL": "GRC",
    # withdrawn ISO codes
    "ROM": "ROU", "TMP": "TLS", "ZAR": "COD", "BUR": "MMR", "YUG": "SRB", "SCG": "SRB",
    # Olympic and FIFA codes of European and KFOR nations
    "GER": "DEU", "NED": "NLD", "SUI": "CHE", "POR": "PRT", "CRO": "HRV", "SLO": "SVN", "BUL": "BGR",
    "GRE": "GRC", "DEN": "DNK", "LAT": "LVA", "ENG": "GBR", "SCO": "GBR", "WAL": "GBR", "NIR": "GBR",
    "MON": "MCO", "ISV": "VIR", "IVB": "VGB",
    # Olympic and FIFA codes elsewhere that writers meet in the news
    "RSA": "ZAF", "KSA": "SAU", "UAE": "ARE", "IRI": "IRN", "PHI": "PHL", "MAS": "MYS", "INA": "IDN",
    "CHI": "CHL", "HAI": "HTI", "NGR": "NGA", "NIG": "NER", "ALG": "DZA", "TPE": "TWN", "VIE": "VNM",
    "GUA": "GTM", "ZIM": "ZWE", "ZAM": "ZMB", "ANG": "AGO", "BAH": "BHS", "BAR": "BRB", "BRU": "BRN",
    "CAM": "KHM", "KUW": "KWT", "LIB": "LBN", "MGL": "MNG", "MYA": "MMR", "NEP": "NPL", "OMA": "OMN",
    "PAR": "PRY", "PUR": "PRI", "SRI": "LKA", "TAN": "TZA", "TRI": "TTO", "URU": "URY", "LBA": "LBY",
    "SUD": "SDN", "BAN": "BGD", "GAM": "GMB", "MAD": "MDG", "MAW": "MWI", "MRI": "MUS", "SEY": "SYC",
    "TOG": "TGO", "CGO": "COG", "CRC": "CRI", "ESA": "SLV", "HON": "HND", "NCA": "NIC", "FIJ": "FJI",
    "VAN": "VUT", "SAM": "WSM", "TGA": "TON", "SOL": "SLB", "ARU": "ABW", "BER": "BMU", "CAY": "CYM",
    # Kosovo: Olympic KOS, FIFA KVX, vehicle plates RKS, UNMIK travel documents UNK, and the guess KSV
    "KOS": "XKX", "KVX": "XKX", "RKS": "XKX", "UNK": "XKX", "KSV": "XKX",
}

_NAME_CUTOFF = 0.8


def _folded(text: str) -> str:
    """Case, accents, dots and a leading "the" set aside: "the U.K." -> "uk", "Türkiye" -> "turkiye"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char)).replace(".", "")
    text = " ".join(text.replace("’", "'").split())
    return text.removeprefix("the ")


@lru_cache(maxsize=1)
def _lookups() -> tuple[dict[str, str], dict[str, str]]:
    """Alpha-2 and other codes (upper case) to alpha-3; folded names, demonyms and aliases to alpha-3.
    Names win over demonyms and demonyms over aliases when two nations share a word."""
    codes = {nation.alpha2: code for code, nation in NATIONS.items()}
    codes.update(OTHER_CODES)
    names: dict[str, str] = {}
    for pick in (lambda n: (n.name,), lambda n: (n.demonym,), lambda n: n.aliases):
        for code, nation in NATIONS.items():
            for name in pick(nation):
                if name:
                    names.setdefault(_folded(name), code)
    return codes, names


def suggest(code: str) -> str | None:
    """The valid alpha-3 code a writer most likely meant by `code`, or None when nothing is close.

    In order: the code itself in any case ("lux" -> "LUX"); an ISO alpha-2 or another common code ("UK",
    "DE", "XK", "GER", "ROM", "KOS"); a name, demonym or alias from the table, ignoring case and accents
    ("Britain", "British", "Turkiye"); then a close match: a code with two letters swapped or one letter
    wrong that fits exactly one nation ("LXU" -> "LUX", "GBE" -> "GBR"), or a name spelled nearly right
    ("Luxemburg" -> "LUX"). A guess that could
    be two nations equally is no guess, so it gives None."""
    text = code.strip()
    if not text:
        return None
    upper = text.upper()
    if upper in NATIONS:
        return upper
    codes, names = _lookups()
    bare = upper.replace(".", "").replace(" ", "")
    if bare in NATIONS:
        return bare
    if bare in codes:
        return codes[bare]
    folded = _folded(text)
    if folded in names:
        return names[folded]
    if bare.isalpha() and len(bare) <= 3:
        return _near_code(bare)
    return _near_name(folded, names)


def _near_code(code: str) -> str | None:
    """The one nation whose alpha-3 code is `code` with two neighbouring letters swapped ("LXU" -> "LUX"), or
    failing that the one a single letter away ("GBE" -> "GBR"). A slip of the fingers keeps the letters, so
    a swap is the likelier mistake."""
    if len(code) != 3:
        return None
    swapped = {code[1] + code[0] + code[2], code[0] + code[2] + code[1]} & NATIONS.keys()
    if swapped:
        return swapped.pop() if len(swapped) == 1 else None
    near = {candidate for candidate in NATIONS if sum(a != b for a, b in zip(candidate, code)) == 1}
    return near.pop() if len(near) == 1 else None


def _near_name(folded: str, names: dict[str, str]) -> str | None:
    """The nation whose name, demonym or alias is closest to `folded` (ratio at least _NAME_CUTOFF), unless
    another nation is as close."""
    matcher = difflib.SequenceMatcher(b=folded, autojunk=False)
    best, meant = 0.0, set[str]()
    for name, code in names.items():
        matcher.set_seq1(name)
        if matcher.real_quick_ratio() < _NAME_CUTOFF or matcher.quick_ratio() < _NAME_CUTOFF:
            continue
        ratio = matcher.ratio()
        if ratio > best:
            best, meant = ratio, {code}
        elif ratio == best:
            meant.add(code)
    return meant.pop() if best >= _NAME_CUTOFF and len(meant) == 1 else None
