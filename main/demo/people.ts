// Invented customers for the demo: Japanese and Western names, their own mail addresses
// (on reserved example domains only) and the handles marketplaces give them.
import type { Language } from '../core/model'
import { flat } from './flat-string'
import type { Rng } from './random'

export type Gender = 'f' | 'm'

export interface Person {
  language: Language
  /** As the customer writes it: "佐藤 健" (family first) or "Jane Doe". */
  name: string
  /** What a seller greets them by: the given name in English, the family name in Japanese. */
  first: string
  family: string
  /** Romanised names, for mail addresses and English notes ("Call Mr. Sato"). */
  familyLatin: string
  givenLatin: string
  gender: Gender
  /** Minutes east of UTC on the customer's own mail clock. */
  utcOffset: number
}

// [kanji, romaji]
// prettier-ignore
const JA_FAMILY: readonly (readonly [string, string])[] = [
  ['佐藤', 'Sato'], ['鈴木', 'Suzuki'], ['高橋', 'Takahashi'], ['田中', 'Tanaka'], ['伊藤', 'Ito'],
  ['渡辺', 'Watanabe'], ['山本', 'Yamamoto'], ['中村', 'Nakamura'], ['小林', 'Kobayashi'], ['加藤', 'Kato'],
  ['吉田', 'Yoshida'], ['山田', 'Yamada'], ['佐々木', 'Sasaki'], ['山口', 'Yamaguchi'], ['松本', 'Matsumoto'],
  ['井上', 'Inoue'], ['木村', 'Kimura'], ['林', 'Hayashi'], ['斎藤', 'Saito'], ['清水', 'Shimizu'],
  ['山崎', 'Yamazaki'], ['森', 'Mori'], ['池田', 'Ikeda'], ['橋本', 'Hashimoto'], ['阿部', 'Abe'],
  ['石川', 'Ishikawa'], ['山下', 'Yamashita'], ['中島', 'Nakajima'], ['石井', 'Ishii'], ['小川', 'Ogawa'],
  ['前田', 'Maeda'], ['岡田', 'Okada'], ['長谷川', 'Hasegawa'], ['藤田', 'Fujita'], ['後藤', 'Goto'],
  ['近藤', 'Kondo'], ['村上', 'Murakami'], ['遠藤', 'Endo'], ['青木', 'Aoki'], ['坂本', 'Sakamoto'],
  ['藤井', 'Fujii'], ['西村', 'Nishimura'], ['福田', 'Fukuda'], ['太田', 'Ota'], ['三浦', 'Miura'],
  ['藤原', 'Fujiwara'], ['岡本', 'Okamoto'], ['松田', 'Matsuda'], ['中川', 'Nakagawa'], ['原田', 'Harada'],
]

// [kanji, romaji, gender]
// prettier-ignore
const JA_GIVEN: readonly (readonly [string, string, Gender])[] = [
  ['健', 'Ken', 'm'], ['美咲', 'Misaki', 'f'], ['翔太', 'Shota', 'm'], ['陽菜', 'Hina', 'f'],
  ['大輔', 'Daisuke', 'm'], ['由美', 'Yumi', 'f'], ['直樹', 'Naoki', 'm'], ['恵子', 'Keiko', 'f'],
  ['拓也', 'Takuya', 'm'], ['裕子', 'Yuko', 'f'], ['誠', 'Makoto', 'm'], ['真由美', 'Mayumi', 'f'],
  ['浩二', 'Koji', 'm'], ['智子', 'Tomoko', 'f'], ['隆', 'Takashi', 'm'], ['明美', 'Akemi', 'f'],
  ['和也', 'Kazuya', 'm'], ['さくら', 'Sakura', 'f'], ['蓮', 'Ren', 'm'], ['結衣', 'Yui', 'f'],
  ['悠斗', 'Yuto', 'm'], ['葵', 'Aoi', 'f'], ['剛', 'Tsuyoshi', 'm'], ['香織', 'Kaori', 'f'],
  ['修', 'Osamu', 'm'], ['典子', 'Noriko', 'f'], ['亮', 'Ryo', 'm'], ['彩', 'Aya', 'f'],
  ['哲也', 'Tetsuya', 'm'], ['千尋', 'Chihiro', 'f'], ['健一', 'Kenichi', 'm'], ['麻衣', 'Mai', 'f'],
  ['正人', 'Masato', 'm'], ['奈々', 'Nana', 'f'], ['洋子', 'Yoko', 'f'], ['一郎', 'Ichiro', 'm'],
  ['久美子', 'Kumiko', 'f'], ['淳', 'Jun', 'm'], ['理恵', 'Rie', 'f'], ['大樹', 'Daiki', 'm'],
]

// prettier-ignore
const EN_GIVEN: readonly (readonly [string, Gender])[] = [
  ['Jane', 'f'], ['Emily', 'f'], ['Sarah', 'f'], ['Olivia', 'f'], ['Hannah', 'f'], ['Grace', 'f'],
  ['Megan', 'f'], ['Laura', 'f'], ['Rachel', 'f'], ['Chloé', 'f'], ['Zoë', 'f'], ['Renée', 'f'],
  ['María', 'f'], ['Ingrid', 'f'], ['Priya', 'f'], ['Aisha', 'f'], ['Claire', 'f'], ['Nora', 'f'],
  ['Fiona', 'f'], ['Beth', 'f'], ['Lucia', 'f'], ['Amelia', 'f'], ['Diane', 'f'], ['Tessa', 'f'],
  ['Michael', 'm'], ['David', 'm'], ['James', 'm'], ['Daniel', 'm'], ['Ethan', 'm'], ['Lucas', 'm'],
  ['Noah', 'm'], ['Samuel', 'm'], ['Thomas', 'm'], ['Oliver', 'm'], ['José', 'm'], ['Mateo', 'm'],
  ['Henrik', 'm'], ['Lars', 'm'], ['Rahul', 'm'], ['Omar', 'm'], ['Kevin', 'm'], ['Brian', 'm'],
  ['Peter', 'm'], ['Marcus', 'm'], ['Owen', 'm'], ['Felix', 'm'], ['Arthur', 'm'], ['Victor', 'm'],
]

// prettier-ignore
const EN_FAMILY: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Moore',
  'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Green',
  'Baker', 'Adams', 'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Campbell', 'Parker',
  'Evans', 'Edwards', 'Collins', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers', "O'Brien", 'Kelly',
  'García', 'Martínez', 'Müller', 'Schneider', 'Jensen', 'Larsen', 'Rossi', 'Bianchi', 'Dubois', 'Novak',
  'Kowalski', 'Patel', 'Shah', 'Nguyen', 'Kim', 'Chen', 'Cohen', 'Fischer', 'Sullivan', 'Brennan',
]

const EN_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example.com', 'post.example.net']
const JA_DOMAINS = ['example.jp', 'example.ne.jp', 'example.co.jp', 'mail.example.jp', 'example.or.jp']
// North America mostly, some UK and Europe: the offsets their mailers stamp on Date.
const EN_OFFSETS = [-300, -300, -360, -420, -480, -480, -240, 0, 60, 600]

export function makePerson(rng: Rng, language: Language): Person {
  if (language === 'ja') {
    const [family, familyLatin] = rng.pick(JA_FAMILY)
    const [given, givenLatin, gender] = rng.pick(JA_GIVEN)
    return {
      language,
      name: flat(`${family} ${given}`),
      first: given,
      family,
      familyLatin,
      givenLatin,
      gender,
      utcOffset: 540,
    }
  }
  const [given, gender] = rng.pick(EN_GIVEN)
  const family = rng.pick(EN_FAMILY)
  return {
    language,
    name: flat(`${given} ${family}`),
    first: given,
    family,
    familyLatin: family,
    givenLatin: given,
    gender,
    utcOffset: rng.pick(EN_OFFSETS),
  }
}

/** Romanised, ASCII, lower-case: "Zoë O'Brien" → "zoe", "obrien". */
export function asciiLower(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase()
}

/** The customer's own address, unique within `taken`: tanaka.k@example.jp, jane.doe84@example.com. */
export function personalAddress(rng: Rng, p: Person, taken: Set<string>): string {
  const given = asciiLower(p.givenLatin)
  const family = asciiLower(p.familyLatin)
  const domains = p.language === 'ja' ? JA_DOMAINS : EN_DOMAINS
  for (let attempt = 0; ; attempt++) {
    const style = rng.int(0, 4)
    let local =
      style === 0
        ? `${given}.${family}`
        : style === 1
          ? `${family}.${given[0] ?? 'x'}`
          : style === 2
            ? `${given[0] ?? 'x'}${family}`
            : style === 3
              ? `${given}${family}${rng.int(1, 99)}`
              : `${family}_${given}`
    if (attempt > 2) local += rng.int(2, 9999)
    const address = `${local}@${rng.pick(domains)}`
    if (!taken.has(address)) {
      taken.add(address)
      return address
    }
  }
}

const EBAY_WORDS = ['tea', 'matcha', 'kyusu', 'clay', 'zen', 'kettle', 'leaf', 'oolong', 'pottery', 'sencha']

/** An eBay user id such as jane_doe84 or matcha.lover_nyc, unique within `taken`. */
export function ebayUserId(rng: Rng, p: Person, taken: Set<string>): string {
  const given = asciiLower(p.givenLatin)
  const family = asciiLower(p.familyLatin)
  for (let attempt = 0; ; attempt++) {
    const style = rng.int(0, 3)
    let id =
      style === 0
        ? `${given}_${family}${rng.int(10, 99)}`
        : style === 1
          ? `${rng.pick(EBAY_WORDS)}.${rng.pick(['lover', 'fan', 'collector', 'nerd'])}_${given}`
          : style === 2
            ? `${given[0] ?? 'x'}${family}${rng.int(1, 999)}`
            : `${family}-${rng.pick(EBAY_WORDS)}`
    if (attempt > 2) id += rng.int(1, 99)
    if (!taken.has(id)) {
      taken.add(id)
      return id
    }
  }
}

/** A masked relay mailbox like xk3v9p2mq8ltw4r@marketplace.amazon.com, unique within `taken`. */
export function relayAddress(rng: Rng, domain: string, taken: Set<string>, length = 15): string {
  for (;;) {
    const address = `${rng.chars(length, 'abcdefghijklmnopqrstuvwxyz0123456789')}@${domain}`
    if (!taken.has(address)) {
      taken.add(address)
      return address
    }
  }
}

/** A made-up phone number in a range no one answers (US 555-01xx, JP 090-0000-xxxx). */
export function demoPhone(rng: Rng, language: Language): { display: string; normalised: string } {
  if (language === 'ja') {
    const n = rng.digits(4)
    return { display: `090-0000-${n}`, normalised: `+81900000${n}` }
  }
  const area = rng.pick(['212', '415', '503', '617', '206'])
  const n = rng.int(100, 199)
  return { display: `(${area}) 555-0${n}`, normalised: `+1${area}5550${n}` }
}
