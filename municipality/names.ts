/**
 * Name and street lists for the synthetic municipality.
 *
 * BRP voornamen are the official given names, not the call names: a man born in 1948 is
 * "Johannes Cornelis", not "Hans". Fashions differ per generation, so given names are drawn from
 * the list for the decade of birth. About one household in six has a migration background; their
 * names are drawn from lists for the main countries of origin in Dutch municipalities, with the
 * diacritics the BRP stores (adapters must pass UTF-8 through unharmed).
 */
import type { Geslacht } from './types';

export type Origin = 'NL' | 'TR' | 'MA' | 'SR' | 'PL' | 'SY' | 'ER' | 'SO' | 'AF';

/** Share of households per origin; roughly a mid-sized Dutch town. */
export const ORIGIN_WEIGHTS: readonly (readonly [Origin, number])[] = [
  ['NL', 84],
  ['TR', 3],
  ['MA', 3],
  ['SR', 2],
  ['PL', 2.5],
  ['SY', 2],
  ['ER', 1.2],
  ['SO', 0.6],
  ['AF', 1],
];

/** Origins where an incomplete birth date in the BRP is common (no civil registration at birth). */
export const INCOMPLETE_DATE_ORIGINS: ReadonlySet<Origin> = new Set<Origin>(['SY', 'ER', 'SO', 'AF']);

interface GivenNames {
  M: readonly string[];
  V: readonly string[];
}

const NL_BORN_BEFORE_1955: GivenNames = {
  M: ['Johannes', 'Hendrik', 'Cornelis', 'Jan', 'Willem', 'Gerrit', 'Pieter', 'Jacobus', 'Adrianus', 'Petrus', 'Antonius', 'Theodorus', 'Franciscus', 'Gerardus', 'Dirk', 'Klaas', 'Arie', 'Hendrikus', 'Johan', 'Wilhelmus', 'Albertus', 'Bernardus', 'Jacob', 'Leendert', 'Teunis', 'Hermanus', 'Marinus', 'Josephus'],
  V: ['Maria', 'Johanna', 'Cornelia', 'Anna', 'Wilhelmina', 'Hendrika', 'Elisabeth', 'Geertruida', 'Catharina', 'Adriana', 'Jacoba', 'Petronella', 'Aaltje', 'Grietje', 'Neeltje', 'Trijntje', 'Gerda', 'Margaretha', 'Theodora', 'Antonia', 'Hillegonda', 'Alida', 'Dirkje', 'Janna', 'Bernardina'],
};
const NL_BORN_1955_1979: GivenNames = {
  M: ['Peter', 'Johannes', 'Hans', 'Marco', 'Marcel', 'Erik', 'Richard', 'Robert', 'Frank', 'René', 'Patrick', 'Paul', 'Ronald', 'Martin', 'Gerard', 'Edwin', 'Michel', 'Jeroen', 'Arjan', 'Remco', 'Dennis', 'Sander', 'Maarten', 'Bas', 'Wilco', 'Arnold', 'Henk', 'André', 'Ruud', 'Marcus'],
  V: ['Maria', 'Linda', 'Sandra', 'Monique', 'Petra', 'Ingrid', 'Marjolein', 'Esther', 'Anita', 'Annemieke', 'Karin', 'Marieke', 'Mariska', 'Nicole', 'Wendy', 'Daniëlle', 'Miranda', 'Ellen', 'Yvonne', 'Saskia', 'Jolanda', 'Hanneke', 'Astrid', 'Bianca', 'Carla', 'Ilona', 'Angelique', 'Marianne'],
};
const NL_BORN_1980_2004: GivenNames = {
  M: ['Tim', 'Thomas', 'Kevin', 'Jesse', 'Niels', 'Stefan', 'Bram', 'Rick', 'Mike', 'Joost', 'Ruben', 'Mark', 'Nick', 'Tom', 'Lars', 'Wouter', 'Daan', 'Sven', 'Stijn', 'Koen', 'Luuk', 'Jasper', 'Robin', 'Sem', 'Gijs', 'Max', 'Thijs', 'Jelle', 'Joris', 'Pim'],
  V: ['Lisa', 'Anouk', 'Kim', 'Sanne', 'Fleur', 'Iris', 'Laura', 'Anne', 'Eva', 'Femke', 'Lotte', 'Sophie', 'Demi', 'Britt', 'Lieke', 'Manon', 'Nina', 'Romy', 'Esmée', 'Charlotte', 'Marloes', 'Maud', 'Julia', 'Floor', 'Merel', 'Noa', 'Roos', 'Ilse', 'Kirsten'],
};
const NL_BORN_2005_ON: GivenNames = {
  M: ['Noah', 'Sem', 'Liam', 'Lucas', 'Daan', 'Finn', 'Levi', 'Luuk', 'Mees', 'Milan', 'Jesse', 'Bram', 'Thomas', 'Sam', 'Adam', 'Julian', 'Thijs', 'Mats', 'Siem', 'Boaz', 'Gijs', 'Teun', 'Jens', 'Ties', 'Olivier', 'Hugo', 'Otis', 'Morris', 'Jurre', 'Guus'],
  V: ['Emma', 'Julia', 'Mila', 'Tess', 'Sophie', 'Zoë', 'Sara', 'Nora', 'Yara', 'Eva', 'Liv', 'Lotte', 'Evi', 'Saar', 'Noor', 'Lauren', 'Olivia', 'Fenna', 'Isa', 'Lynn', 'Roos', 'Anna', 'Elin', 'Nova', 'Fleur', 'Maud', 'Jill', 'Sofie', 'Lieke', 'Nina'],
};

const FOREIGN_GIVEN: Record<Exclude<Origin, 'NL'>, GivenNames> = {
  TR: { M: ['Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'Emre', 'Burak', 'Yusuf', 'Kerem', 'Murat', 'Hakan'], V: ['Fatma', 'Ayşe', 'Emine', 'Elif', 'Zeynep', 'Hatice', 'Merve', 'Esra', 'Büşra', 'Derya'] },
  MA: { M: ['Mohamed', 'Ahmed', 'Mustapha', 'Youssef', 'Rachid', 'Said', 'Hamza', 'Bilal', 'Ayoub', 'Karim', 'Abdelkader'], V: ['Fatima', 'Khadija', 'Naima', 'Malika', 'Samira', 'Nadia', 'Soumaya', 'Yasmina', 'Imane', 'Hafsa'] },
  SR: { M: ['Ricardo', 'Romano', 'Sunil', 'Kishan', 'Glenn', 'Jerrel', 'Ravi', 'Dinesh', 'Orlando'], V: ['Sharmila', 'Rachna', 'Shanti', 'Mireille', 'Jennifer', 'Ashna', 'Priya', 'Chantal', 'Natasja'] },
  PL: { M: ['Piotr', 'Krzysztof', 'Tomasz', 'Paweł', 'Michał', 'Jakub', 'Łukasz', 'Marcin'], V: ['Anna', 'Katarzyna', 'Agnieszka', 'Magdalena', 'Joanna', 'Małgorzata', 'Ewa', 'Zofia'] },
  SY: { M: ['Mohammad', 'Ahmad', 'Khaled', 'Omar', 'Ali', 'Hassan', 'Rami', 'Bashar', 'Yazan'], V: ['Fatima', 'Rama', 'Heba', 'Lina', 'Rasha', 'Nour', 'Aya', 'Ghalia'] },
  ER: { M: ['Tesfay', 'Yonas', 'Dawit', 'Mehari', 'Samuel', 'Filmon', 'Biniam', 'Robel'], V: ['Helen', 'Senait', 'Mebrat', 'Selam', 'Luwam', 'Saba', 'Winta', 'Yordanos'] },
  SO: { M: ['Abdi', 'Mohamed', 'Ahmed', 'Abdullahi', 'Hassan', 'Yusuf', 'Abdirahman'], V: ['Hodan', 'Faduma', 'Amina', 'Sahra', 'Ayaan', 'Hawa', 'Ifrah'] },
  AF: { M: ['Ahmad', 'Mohammad', 'Farid', 'Najib', 'Wahid', 'Rahim', 'Javid'], V: ['Fatima', 'Mariam', 'Zahra', 'Shabnam', 'Nargis', 'Parwana', 'Tahmina'] },
};

/** [voorvoegsel, geslachtsnaam]; voorvoegsel '' when there is none. Weighted by repetition. */
const NL_SURNAMES: readonly (readonly [string, string])[] = [
  ['de', 'Jong'], ['', 'Jansen'], ['de', 'Vries'], ['van den', 'Berg'], ['van', 'Dijk'], ['', 'Bakker'], ['', 'Janssen'],
  ['', 'Visser'], ['', 'Smit'], ['', 'Meijer'], ['de', 'Boer'], ['', 'Mulder'], ['de', 'Groot'], ['', 'Bos'], ['', 'Vos'],
  ['', 'Peters'], ['', 'Hendriks'], ['van', 'Leeuwen'], ['', 'Dekker'], ['', 'Brouwer'], ['de', 'Wit'], ['', 'Dijkstra'],
  ['', 'Smits'], ['de', 'Graaf'], ['van der', 'Meer'], ['van der', 'Linden'], ['', 'Kok'], ['', 'Jacobs'], ['de', 'Haan'],
  ['', 'Vermeulen'], ['van den', 'Heuvel'], ['van der', 'Veen'], ['van den', 'Broek'], ['de', 'Bruijn'], ['de', 'Bruin'],
  ['van der', 'Heijden'], ['', 'Schouten'], ['van', 'Beek'], ['', 'Willems'], ['van', 'Vliet'], ['van de', 'Ven'],
  ['', 'Hoekstra'], ['', 'Maas'], ['', 'Verhoeven'], ['', 'Koster'], ['van', 'Dam'], ['van der', 'Wal'], ['', 'Prins'],
  ['', 'Blom'], ['', 'Huisman'], ['', 'Peeters'], ['de', 'Lange'], ['', 'Kuipers'], ['van', 'Wijk'], ['', 'Post'],
  ['', 'Kuiper'], ['', 'Veenstra'], ['', 'Kramer'], ['van den', 'Brink'], ['', 'Scholten'], ['', 'Martens'], ['', 'Vink'],
  ['de', 'Ruiter'], ['van de', 'Pol'], ['', 'Bosman'], ['', 'Timmermans'], ['', 'Groen'], ['', 'Gerritsen'], ['', 'Jonker'],
  ['van', 'Loon'], ['', 'Boer'], ['van der', 'Velde'], ['', 'Willemsen'], ['', 'Smeets'], ['de', 'Vos'], ['', 'Bosch'],
  ['van', 'Dongen'], ['', 'Schipper'], ['de', 'Koning'], ['van der', 'Laan'], ['', 'Koning'], ['van der', 'Zee'],
  ['', 'Driessen'], ['van', 'Doorn'], ['', 'Hermans'], ['', 'Evers'], ['van den', 'Bosch'], ['van der', 'Meulen'],
  ['', 'Hofman'], ['', 'Bosma'], ['', 'Wolters'], ['', 'Sanders'], ['van der', 'Horst'], ['', 'Mertens'], ['', 'Brinkman'],
  ['van', 'Rijn'], ['ter', 'Horst'], ['te', 'Velde'], ['in \'t', 'Veld'], ['van \'t', 'Hof'], ['op den', 'Kamp'],
  ['den', 'Hartog'], ['van', 'Essen'], ['', 'Hoogendoorn'], ['', 'Wijnands'], ['van', 'Beusekom'], ['', 'Zwart'],
  ['van', 'Tilburg'], ['', 'Stam'], ['de', 'Kok'], ['', 'Hoekman'], ['van der', 'Sluis'], ['', 'Nijland'], ['ten', 'Brink'],
];

const FOREIGN_SURNAMES: Record<Exclude<Origin, 'NL'>, readonly string[]> = {
  TR: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Öztürk', 'Aydın', 'Arslan', 'Doğan', 'Koç', 'Kurt'],
  MA: ['El Amrani', 'Bouzid', 'Ait Taleb', 'El Idrissi', 'Benali', 'Ouali', 'Ziani', 'Boukhari', 'El Khattabi', 'Azzouz', 'Bakkali'],
  SR: ['Biharie', 'Ramdin', 'Kromosoeto', 'Sno', 'Jaggan', 'Ramsaran', 'Pinas', 'Sabajo', 'Tjon A Fat', 'Mahabier'],
  PL: ['Nowak', 'Mazur', 'Krawczyk', 'Zając', 'Wójcik', 'Kaczmarek', 'Pawlak', 'Michalak'],
  SY: ['Al Hassan', 'Haddad', 'Khalil', 'Al Ahmad', 'Hamdan', 'Darwish', 'Al Ali', 'Ibrahim', 'Al Khatib'],
  ER: ['Tesfay', 'Ghebremariam', 'Haile', 'Tekle', 'Berhane', 'Kidane', 'Weldemariam', 'Habte'],
  SO: ['Abdi', 'Mohamed', 'Hassan', 'Ali', 'Farah', 'Warsame', 'Osman', 'Jama'],
  AF: ['Ahmadi', 'Rahimi', 'Karimi', 'Sultani', 'Hakimi', 'Noori', 'Popal', 'Stanikzai'],
};

export interface Surname {
  voorvoegsel?: string;
  geslachtsnaam: string;
}

export function surnameFor(origin: Origin, r: () => number): Surname {
  if (origin === 'NL') {
    const [voorvoegsel, geslachtsnaam] = NL_SURNAMES[Math.floor(r() * NL_SURNAMES.length)];
    return voorvoegsel ? { voorvoegsel, geslachtsnaam } : { geslachtsnaam };
  }
  const list = FOREIGN_SURNAMES[origin];
  return { geslachtsnaam: list[Math.floor(r() * list.length)] };
}

function givenList(origin: Origin, birthYear: number, secondGeneration: boolean): GivenNames {
  // Children born here to migrant parents often get names that work in both languages;
  // Dutch lists for a share of them keeps the mix realistic.
  if (origin === 'NL' || secondGeneration) {
    if (birthYear < 1955) return NL_BORN_BEFORE_1955;
    if (birthYear < 1980) return NL_BORN_1955_1979;
    if (birthYear < 2005) return NL_BORN_1980_2004;
    return NL_BORN_2005_ON;
  }
  return FOREIGN_GIVEN[origin];
}

/**
 * One to three given names. Older Dutch generations mostly carry two or three (often Catholic
 * saints' names); younger ones one or two.
 */
export function voornamenFor(origin: Origin, geslacht: Geslacht, birthYear: number, r: () => number): string {
  const secondGeneration = origin !== 'NL' && birthYear >= 2000 && r() < 0.35;
  const list = givenList(origin, birthYear, secondGeneration);
  const pool = geslacht === 'V' ? list.V : geslacht === 'M' ? list.M : r() < 0.5 ? list.V : list.M;
  const roll = r();
  const count = origin === 'NL' && !secondGeneration ? (birthYear < 1970 ? (roll < 0.25 ? 1 : roll < 0.8 ? 2 : 3) : roll < 0.45 ? 1 : roll < 0.9 ? 2 : 3) : roll < 0.75 ? 1 : 2;
  const names: string[] = [];
  for (let i = 0; i < count * 3 && names.length < count; i++) {
    const n = pool[Math.floor(r() * pool.length)];
    if (!names.includes(n)) names.push(n);
  }
  return names.join(' ');
}

/**
 * Street names, grouped so that a neighbourhood reads like one (the bird quarter, the painters'
 * quarter). Streets used by the showcase households are deliberately absent, so that no generated
 * address can collide with one of theirs.
 */
export const STREET_NAMES: readonly string[] = [
  // old centre
  'Kerkstraat', 'Dorpsstraat', 'Molenstraat', 'Schoolstraat', 'Marktstraat', 'Stationsweg', 'Hoofdstraat', 'Kerkplein',
  'Nieuwstraat', 'Achterweg', 'Brugstraat', 'Havenstraat', 'Dijkstraat', 'Molenweg', 'Julianastraat', 'Wilhelminastraat',
  'Beatrixstraat', 'Emmastraat', 'Prins Bernhardlaan', 'Oranjestraat', 'Nassaulaan', 'Irenestraat', 'Margrietstraat',
  'Willem-Alexanderlaan', 'Raadhuisstraat', 'Torenstraat', 'Poststraat', 'Lange Nieuwstraat', 'Korte Kerkstraat', 'Vismarkt',
  // trees
  'Eikenlaan', 'Beukenlaan', 'Berkenlaan', 'Lindenlaan', 'Kastanjelaan', 'Essenlaan', 'Iepenlaan', 'Wilgenstraat',
  'Populierenlaan', 'Elzenstraat', 'Acaciastraat', 'Platanenlaan', 'Esdoornstraat', 'Lariksstraat', 'Dennenweg',
  'Sparrenlaan', 'Hazelaarstraat', 'Vlierstraat', 'Meidoornstraat', 'Hulststraat', 'Lijsterbeslaan', 'Notenlaan',
  // flowers
  'Rozenstraat', 'Tulpstraat', 'Narcisstraat', 'Lelieweg', 'Irisstraat', 'Krokusstraat', 'Hyacintstraat', 'Anjerstraat',
  'Goudsbloemstraat', 'Zonnebloemstraat', 'Klaproosstraat', 'Korenbloemstraat', 'Violierstraat', 'Seringenlaan',
  'Jasmijnstraat', 'Hortensiastraat', 'Dahliastraat', 'Asterstraat', 'Fresiastraat', 'Boterbloemstraat',
  // birds
  'Merelstraat', 'Lijsterlaan', 'Spreeuwstraat', 'Mezenlaan', 'Vinkenstraat', 'Zwaluwstraat', 'Kievitstraat', 'Reigerstraat',
  'Ooievaarstraat', 'Meeuwenlaan', 'Roodborststraat', 'Koolmeesstraat', 'Leeuweriklaan', 'Wielewaalstraat', 'Zwanenlaan',
  'Fazantstraat', 'Patrijsstraat', 'Uilenstraat', 'Valkenlaan', 'Buizerdstraat', 'Kwikstaartlaan', 'Havikstraat',
  // painters
  'Rembrandtstraat', 'Vermeerstraat', 'Frans Halsstraat', 'Jan Steenstraat', 'Van Goghstraat', 'Mondriaanstraat',
  'Ruysdaelstraat', 'Jan van Goyenstraat', 'Pieter de Hoochstraat', 'Ferdinand Bolstraat', 'Breitnerstraat',
  'Jozef Israëlsstraat', 'Mesdagstraat', 'Hobbemastraat', 'Paulus Potterstraat', 'Karel Appelstraat', 'Escherstraat',
  // writers and thinkers
  'Vondelstraat', 'Bilderdijkstraat', 'Multatulistraat', 'Potgieterstraat', 'Da Costastraat', 'Hooftstraat',
  'Tollensstraat', 'Annie M.G. Schmidtlaan', 'Anne Frankstraat', 'Brederostraat', 'Huygensstraat', 'Spinozastraat',
  'Erasmuslaan', 'Thorbeckestraat', 'Jacob Catsstraat', 'Hildebrandstraat', 'Nescioweg', 'Hella Haassestraat',
  // rivers
  'Rijnstraat', 'Maasstraat', 'Waalstraat', 'IJsselstraat', 'Lekstraat', 'Vechtstraat', 'Dommelstraat', 'Amstelstraat',
  'Eemstraat', 'Lingestraat', 'Scheldestraat', 'Berkelstraat', 'Reggestraat', 'Dinkelstraat',
  // trades
  'Smidstraat', 'Bakkerstraat', 'Kuiperstraat', 'Wevershof', 'Touwslagerslaan', 'Molenaarsweg', 'Timmermanshof',
  'Schildersweg', 'Metselaarstraat', 'Klompenmakerstraat',
  // outskirts
  'Veldweg', 'Akkerweg', 'Weidelaan', 'Heideweg', 'Bosweg', 'Zandweg', 'Beekweg', 'Esweg', 'Brinkstraat', 'Kampweg',
  'Broekweg', 'Polderweg', 'Slotlaan', 'Kasteellaan', 'Hofweg', 'Oude Dijk', 'Nieuwe Weg', 'Binnenweg', 'Buitenweg',
  'Hoge Akker', 'Lage Weide', 'Kerkepad', 'Veenweg', 'Dorpsweg', 'Middenweg', 'Dwarsweg', 'Zuiderweg', 'Noorderweg',
];
