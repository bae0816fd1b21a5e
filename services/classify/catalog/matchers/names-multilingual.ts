/**
 * Common given names and surnames beyond English, in Latin script, for NAME. Drawn from the most-common-name
 * rankings national statistics offices and registries publish (Spain INE, Portugal and Brazil IRN/IBGE, France
 * INSEE, Germany GfdS, Italy ISTAT, Poland PESEL register, Netherlands SVB/Meertens, Turkey TÜİK) and the most
 * frequent names of the Vietnamese, Chinese (Hanyu Pinyin), Indian, Arabic (common English transliterations) and
 * Nigerian (Yoruba, Igbo, Hausa) populations. Facts, not a copied dataset.
 *
 * Each list is written with its diacritics; the exported unions add every name's ASCII fold ("José" and "Jose",
 * "Łukasz" and "Lukasz", "Şahin" and "Sahin"), because records are as often typed without them.
 *
 * Left out on purpose: names of one or two letters (Li, An, Bo) and names that are everyday words where they are
 * written capitalised (Can, Sem, Paz, Luz, Lan, Mai, Nam, Jun, Min, Sun, Pan), which would pair with a capitalised
 * surname-like word at the start of a sentence.
 */

export type NameLanguage =
  | "spanish" | "portuguese" | "french" | "german" | "italian" | "polish" | "dutch"
  | "vietnamese" | "chinese" | "indian" | "arabic" | "nigerian" | "turkish";

export const GIVEN_NAMES_BY_LANGUAGE: Readonly<Record<NameLanguage, readonly string[]>> = {
  spanish: [
    "Alejandro", "Álvaro", "Andrés", "Ángel", "Antonio", "Carlos", "César", "Daniel", "David", "Diego", "Eduardo",
    "Emilio", "Enrique", "Fernando", "Francisco", "Gonzalo", "Guillermo", "Hugo", "Ignacio", "Iker", "Jaime", "Javier",
    "Jesús", "Joaquín", "Jorge", "José", "Juan", "Julián", "Leonardo", "Lucas", "Luis", "Manuel", "Marcos", "Mario",
    "Martín", "Mateo", "Miguel", "Nicolás", "Óscar", "Pablo", "Pedro", "Rafael", "Ramón", "Raúl", "Ricardo", "Roberto",
    "Rodrigo", "Rubén", "Santiago", "Sebastián", "Sergio", "Tomás", "Vicente",
    "Adriana", "Alba", "Alejandra", "Ana", "Andrea", "Beatriz", "Camila", "Carmen", "Catalina", "Claudia", "Concepción",
    "Cristina", "Daniela", "Elena", "Gabriela", "Inés", "Irene", "Isabel", "Jimena", "Josefa", "Julia", "Laura",
    "Lucía", "Luciana", "Manuela", "María", "Mariana", "Marta", "Mercedes", "Natalia", "Nerea", "Noelia", "Paula",
    "Pilar", "Raquel", "Rocío", "Silvia", "Sofía", "Valentina", "Verónica", "Victoria", "Ximena", "Yolanda",
  ],
  portuguese: [
    "Afonso", "Bernardo", "Caio", "Diogo", "Duarte", "Enzo", "Felipe", "Francisco", "Gabriel", "Gonçalo", "Guilherme",
    "Gustavo", "Heitor", "Henrique", "João", "Joaquim", "Leandro", "Lourenço", "Luís", "Marcelo", "Matheus", "Murilo",
    "Paulo", "Renato", "Rodrigo", "Rui", "Sérgio", "Thiago", "Tiago", "Vinícius", "Vítor",
    "Alice", "Aline", "Amanda", "Ana", "Antônia", "Beatriz", "Bruna", "Carolina", "Conceição", "Fernanda", "Francisca",
    "Gabriela", "Helena", "Inês", "Isadora", "Joana", "Juliana", "Larissa", "Leonor", "Letícia", "Lorena", "Luana",
    "Luíza", "Madalena", "Margarida", "Mariana", "Matilde", "Patrícia", "Rafaela", "Raquel", "Sílvia", "Tânia",
    "Thaís", "Vitória",
  ],
  french: [
    "Adrien", "Alexandre", "Antoine", "Arnaud", "Arthur", "Baptiste", "Benoît", "Cédric", "Clément", "Damien",
    "Étienne", "Fabien", "François", "Frédéric", "Gaël", "Guillaume", "Hugo", "Jérôme", "Julien", "Laurent", "Loïc",
    "Louis", "Lucas", "Mathieu", "Mathis", "Maxime", "Nathan", "Nicolas", "Olivier", "Pascal", "Philippe", "Pierre",
    "Quentin", "Raphaël", "Rémi", "Romain", "Sébastien", "Stéphane", "Théo", "Thibault", "Thierry", "Valentin",
    "Yannick",
    "Amélie", "Anaïs", "Aurélie", "Camille", "Céline", "Chloé", "Clémence", "Delphine", "Élise", "Élodie", "Émilie",
    "Emma", "Françoise", "Hélène", "Inès", "Jeanne", "Juliette", "Léa", "Léna", "Louise", "Lucie", "Manon", "Margaux",
    "Marine", "Mathilde", "Maëlle", "Nathalie", "Océane", "Pauline", "Sandrine", "Sophie", "Sylvie", "Valérie",
    "Virginie", "Zoé",
  ],
  german: [
    "Andreas", "Bernd", "Björn", "Christoph", "Dieter", "Dirk", "Elias", "Felix", "Finn", "Florian", "Frank",
    "Friedrich", "Günter", "Hans", "Heinz", "Helmut", "Jan", "Jens", "Jonas", "Jörg", "Jürgen", "Karl", "Klaus",
    "Lars", "Leon", "Lukas", "Maximilian", "Moritz", "Niklas", "Oliver", "Paul", "Ralf", "Sebastian", "Stefan",
    "Sven", "Thomas", "Thorsten", "Tobias", "Uwe", "Werner", "Wolfgang",
    "Andrea", "Anja", "Anke", "Birgit", "Claudia", "Emilia", "Frauke", "Gabriele", "Hannah", "Heike", "Ingrid",
    "Jana", "Jutta", "Karin", "Katharina", "Kerstin", "Lena", "Leonie", "Marie", "Monika", "Nicole", "Petra",
    "Renate", "Sabine", "Sandra", "Silke", "Stefanie", "Susanne", "Tanja", "Ursula", "Ute",
  ],
  italian: [
    "Alessandro", "Alessio", "Andrea", "Antonio", "Davide", "Domenico", "Edoardo", "Emanuele", "Fabio", "Federico",
    "Filippo", "Francesco", "Gabriele", "Giacomo", "Gianluca", "Giorgio", "Giovanni", "Giuseppe", "Leonardo",
    "Lorenzo", "Luca", "Luigi", "Marco", "Massimo", "Matteo", "Mattia", "Michele", "Nicola", "Paolo", "Pietro",
    "Raffaele", "Riccardo", "Roberto", "Salvatore", "Simone", "Stefano", "Tommaso", "Vincenzo",
    "Alessandra", "Alessia", "Angela", "Anna", "Antonella", "Aurora", "Beatrice", "Chiara", "Elisa", "Federica",
    "Francesca", "Gaia", "Giorgia", "Giulia", "Giuseppina", "Ilaria", "Martina", "Paola", "Rita", "Roberta",
    "Serena", "Silvia", "Simona", "Valentina",
  ],
  polish: [
    "Adam", "Andrzej", "Antoni", "Bartłomiej", "Dariusz", "Filip", "Grzegorz", "Jakub", "Jan", "Janusz", "Jerzy",
    "Kacper", "Kamil", "Krzysztof", "Łukasz", "Maciej", "Marcin", "Marek", "Mateusz", "Michał", "Mikołaj", "Paweł",
    "Piotr", "Przemysław", "Rafał", "Ryszard", "Stanisław", "Szymon", "Tadeusz", "Tomasz", "Wiktor", "Wojciech",
    "Zbigniew",
    "Agnieszka", "Aleksandra", "Alicja", "Barbara", "Beata", "Dorota", "Elżbieta", "Ewa", "Grażyna", "Halina",
    "Iwona", "Jadwiga", "Joanna", "Justyna", "Katarzyna", "Krystyna", "Magdalena", "Małgorzata", "Marzena", "Monika",
    "Natalia", "Renata", "Teresa", "Urszula", "Wiktoria", "Zofia", "Zuzanna",
  ],
  dutch: [
    "Bas", "Bram", "Daan", "Dirk", "Floris", "Gerrit", "Hendrik", "Jeroen", "Joost", "Jorrit", "Koen", "Lars",
    "Luuk", "Maarten", "Niels", "Pieter", "Ruben", "Sander", "Sjoerd", "Stijn", "Thijs", "Tim", "Wouter",
    "Anouk", "Annelies", "Els", "Femke", "Fenna", "Ilse", "Ingrid", "Julia", "Lieke", "Lotte", "Marieke", "Mirjam",
    "Noor", "Sanne", "Saskia", "Sophie", "Tess", "Wilhelmina", "Yvonne",
  ],
  vietnamese: [
    "Bảo", "Cường", "Dũng", "Đức", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy", "Khánh", "Khoa", "Long", "Minh", "Phong",
    "Phúc", "Quang", "Quân", "Sơn", "Thắng", "Thành", "Trung", "Tuấn", "Việt", "Vinh",
    "Hạnh", "Hằng", "Hiền", "Hoa", "Hương", "Huyền", "Linh", "Loan", "Ngọc", "Nhung", "Phương", "Quỳnh",
    "Thảo", "Thúy", "Trang", "Uyên", "Vân", "Yến",
  ],
  chinese: [
    "Chao", "Feng", "Hao", "Jian", "Jie", "Kai", "Lei", "Ming", "Peng", "Qiang", "Tao", "Wei", "Xiang", "Xin",
    "Yong", "Zhiwei", "Zhiqiang", "Haoran", "Yichen", "Zihan", "Xiaoming",
    "Fang", "Hui", "Jing", "Lina", "Mei", "Qing", "Xia", "Xiaoyan", "Xiu", "Yan", "Ying", "Yuxi", "Zhen", "Yuting",
    "Xinyi",
  ],
  indian: [
    "Aarav", "Abhishek", "Aditya", "Ajay", "Akash", "Amit", "Anil", "Ankit", "Arjun", "Arun", "Deepak", "Ganesh",
    "Harish", "Karthik", "Krishna", "Mahesh", "Manoj", "Naveen", "Nikhil", "Pradeep", "Prakash", "Rahul", "Rajesh",
    "Rakesh", "Ramesh", "Ravi", "Rohit", "Sandeep", "Sanjay", "Srinivas", "Suresh", "Sunil", "Varun", "Venkatesh",
    "Vihaan", "Vijay", "Vikram", "Vivek",
    "Aditi", "Anjali", "Ananya", "Anita", "Deepika", "Divya", "Gayathri", "Kavya", "Kiran", "Lakshmi", "Meera",
    "Neha", "Nisha", "Pooja", "Priya", "Priyanka", "Radha", "Ritu", "Shalini", "Shreya", "Sneha", "Sunita", "Swati",
    "Usha", "Vidya",
  ],
  arabic: [
    "Abdullah", "Abdulrahman", "Ahmad", "Ahmed", "Ali", "Bilal", "Faisal", "Hamza", "Hassan", "Hussein", "Ibrahim",
    "Karim", "Khalid", "Mahmoud", "Mohamed", "Mohammad", "Mohammed", "Muhammad", "Mustafa", "Omar", "Rashid", "Saeed",
    "Salim", "Samir", "Tariq", "Walid", "Yasser", "Youssef", "Yusuf", "Ziad",
    "Aisha", "Amal", "Amira", "Fatima", "Hala", "Huda", "Iman", "Khadija", "Layla", "Leila", "Lina", "Mariam",
    "Maryam", "Mona", "Nadia", "Noura", "Rania", "Reem", "Salma", "Samira", "Yasmin", "Zainab", "Zahra",
  ],
  nigerian: [
    "Abiodun", "Adebayo", "Adewale", "Ayodele", "Babatunde", "Chidi", "Chinedu", "Chukwuemeka", "Emeka",
    "Ikechukwu", "Kayode", "Nnamdi", "Obinna", "Olumide", "Oluwaseun", "Oluwatobi", "Segun", "Tunde", "Uchenna",
    "Abubakar", "Aminu", "Musa", "Sani", "Usman", "Yakubu",
    "Adaeze", "Amaka", "Bukola", "Chiamaka", "Chioma", "Folake", "Funmilayo", "Ifeoma", "Ngozi", "Nkechi",
    "Temitope", "Yetunde", "Halima", "Hauwa", "Hadiza",
  ],
  turkish: [
    "Ahmet", "Baran", "Burak", "Cem", "Emre", "Eren", "Halil", "Hasan", "Hüseyin", "İbrahim", "İsmail", "Kemal",
    "Kerem", "Mehmet", "Murat", "Mustafa", "Ömer", "Osman", "Ramazan", "Serkan", "Yusuf", "Volkan",
    "Ayşe", "Büşra", "Ebru", "Elif", "Emine", "Esra", "Fatma", "Gülsüm", "Hatice", "Hülya", "Merve", "Meryem",
    "Özlem", "Şerife", "Zehra", "Zeynep",
  ],
};

export const SURNAMES_BY_LANGUAGE: Readonly<Record<NameLanguage, readonly string[]>> = {
  spanish: [
    "García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín",
    "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez", "Navarro",
    "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano", "Blanco", "Molina", "Morales", "Suárez",
    "Ortega", "Delgado", "Castro", "Ortiz", "Rubio", "Marín", "Sanz", "Núñez", "Iglesias", "Medina", "Garrido",
    "Cortés", "Castillo", "Santos", "Lozano", "Guerrero", "Cano", "Prieto", "Méndez", "Cruz", "Flores", "Herrera",
    "Peña", "León", "Márquez", "Cabrera", "Vega", "Campos", "Fuentes", "Carrasco", "Reyes", "Aguilar", "Rojas",
    "Mendoza", "Vargas", "Castañeda", "Salazar",
  ],
  portuguese: [
    "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Jesus", "Sousa", "Souza",
    "Fernandes", "Gonçalves", "Gomes", "Lopes", "Marques", "Alves", "Almeida", "Ribeiro", "Pinto", "Carvalho",
    "Teixeira", "Moreira", "Correia", "Mendes", "Nunes", "Soares", "Vieira", "Monteiro", "Cardoso", "Rocha", "Raposo",
    "Neves", "Coelho", "Cruz", "Cunha", "Pires", "Ramos", "Reis", "Simões", "Antunes", "Matos", "Fonseca", "Machado",
    "Araújo", "Barbosa", "Tavares", "Lima", "Azevedo", "Barros", "Freitas", "Nascimento", "Moura", "Castro",
    "Cavalcanti", "Batista", "Dias", "Magalhães",
  ],
  french: [
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent", "Simon",
    "Michel", "Lefèbvre", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet",
    "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefèvre", "Faure", "André", "Mercier", "Blanc",
    "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Perrin", "Robin", "Clément",
    "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand", "Duval", "Denis", "Dumont",
    "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly", "Rivière",
    "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez", "Gérard", "Roche", "Renard", "Schmitt",
  ],
  german: [
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
    "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun",
    "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann",
    "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs",
    "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel", "Friedrich", "Keller",
    "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht", "Schuster",
    "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Schumacher", "Krämer", "Vogt", "Stein", "Jäger",
    "Otto", "Sommer", "Groß", "Seidel", "Heinrich", "Brandt", "Haas", "Schreiber", "Graf", "Dietrich", "Ziegler",
    "Kuhn", "Kühn", "Pohl", "Engel", "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff",
    "Pfeiffer",
  ],
  italian: [
    "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno",
    "Gallo", "Conti", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri",
    "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone", "Longo",
    "Gentile", "Martinelli", "Vitale", "Lombardo", "Serra", "Coppola", "D'Angelo", "Marchetti",
    "Parisi", "Villa", "Conte", "Ferraro", "Ferri", "Fabbri", "Bianco", "Marini", "Grasso", "Valentini", "Messina",
    "Sala", "Gatti", "Pellegrini", "Palumbo", "Sanna", "Farina", "Rizzi", "Monti", "Cattaneo",
    "Morelli", "Amato", "Silvestri", "Mazza", "Testa", "Grassi", "Pellegrino", "Carbone", "Giuliani", "Benedetti",
  ],
  polish: [
    "Nowak", "Kowalski", "Kowalska", "Wiśniewski", "Wiśniewska", "Wójcik", "Kowalczyk", "Kamiński", "Kamińska",
    "Lewandowski", "Lewandowska", "Zieliński", "Zielińska", "Szymański", "Szymańska", "Woźniak", "Dąbrowski",
    "Dąbrowska", "Kozłowski", "Kozłowska", "Jankowski", "Jankowska", "Mazur", "Kwiatkowski", "Kwiatkowska",
    "Wojciechowski", "Wojciechowska", "Krawczyk", "Kaczmarek", "Piotrowski", "Piotrowska", "Grabowski",
    "Grabowska", "Zając", "Pawłowski", "Pawłowska", "Michalski", "Michalska", "Król", "Wieczorek", "Jabłoński",
    "Jabłońska", "Wróbel", "Nowakowski", "Nowakowska", "Majewski", "Majewska", "Olszewski", "Olszewska", "Stępień",
    "Malinowski", "Malinowska", "Jaworski", "Jaworska", "Adamczyk", "Dudek", "Nowicki", "Nowicka", "Pawlak",
    "Górski", "Górska", "Witkowski", "Witkowska", "Walczak", "Sikora", "Baran", "Rutkowski", "Rutkowska",
    "Michalak", "Szewczyk", "Ostrowski", "Ostrowska", "Tomaszewski", "Tomaszewska",
  ],
  dutch: [
    "Jansen", "Janssen", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters", "Hendriks", "Dekker",
    "Brouwer", "Dijkstra", "Smits", "Vermeulen", "Kok", "Jacobs", "Willems", "Schouten", "Hoekstra", "Koster",
    "Verhoeven", "Prins", "Leeuwen", "Bakker", "Boer", "Maas", "Huisman", "Kuipers", "Postma", "Veenstra",
    "Kramer", "Wouters", "Timmermans", "Groot", "Scholten", "Bosman", "Hermans", "Verbeek", "Koning", "Gerritsen",
    "Molenaar", "Evers", "Jonker", "Wijk", "Vries", "Jong", "Vliet", "Heuvel", "Berg", "Dijk", "Beek", "Brink",
  ],
  // Two-letter surnames (Lê, Đỗ, Hồ, Tô...) fold to French and English words (Le, Do, Ho, To) and are left out.
  vietnamese: [
    "Nguyễn", "Trần", "Phạm", "Hoàng", "Huỳnh", "Phan", "Đặng", "Bùi", "Ngô", "Dương", "Đinh", "Trương", "Lâm",
    "Lương", "Châu", "Quách", "Trịnh", "Đoàn",
  ],
  chinese: [
    "Wang", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Zhou", "Zhu", "Gao", "Lin", "Guo", "Luo", "Liang", "Song", "Zheng", "Xie", "Han", "Tang", "Feng", "Deng", "Cao", "Peng", "Zeng", "Xiao",
    "Tian", "Dong", "Yuan", "Cai", "Jiang", "Wei", "Ding", "Shen", "Ren", "Yao", "Cui", "Zhong",
    "Tan", "Fang", "Shi", "Jin", "Qian", "Wong", "Cheung", "Chan", "Leung", "Lau", "Cheng",
  ],
  indian: [
    "Sharma", "Verma", "Gupta", "Singh", "Kumar", "Patel", "Shah", "Mehta", "Reddy", "Rao", "Naidu", "Iyer",
    "Iyengar", "Nair", "Menon", "Pillai", "Das", "Banerjee", "Chatterjee", "Mukherjee", "Ghosh", "Bose", "Chopra",
    "Kapoor", "Malhotra", "Khanna", "Agarwal", "Bansal", "Joshi", "Kulkarni", "Desai", "Pandey", "Mishra",
    "Tiwari", "Yadav", "Jain", "Saxena", "Bhat", "Krishnan", "Subramanian", "Venkataraman", "Chaudhary",
    "Srinivasan", "Raman", "Raghavan", "Bhatt", "Trivedi", "Dubey", "Sinha", "Chauhan",
  ],
  arabic: [
    "Abdullah", "Ahmed", "Ali", "Hassan", "Hussein", "Ibrahim", "Khalil", "Khan", "Mahmoud", "Mansour", "Mohamed",
    "Mustafa", "Nasser", "Omar", "Rahman", "Saleh", "Salem", "Yousef", "Haddad", "Khoury", "Hamdan", "Aziz",
    "Farouk", "Habib", "Karim", "Qureshi", "Sayed", "Suleiman", "Zaki", "Al-Sayed", "Al-Amin", "El-Sayed",
    "Al-Rashid", "Al-Hashimi", "Al-Farsi",
  ],
  nigerian: [
    "Okafor", "Okonkwo", "Okeke", "Eze", "Nwosu", "Nwachukwu", "Obi", "Okoro", "Onyeka", "Chukwu", "Ugwu", "Nnadi",
    "Adeyemi", "Adebayo", "Balogun", "Ogunleye", "Olawale", "Oyelaran", "Adeleke", "Afolabi", "Akinola", "Bakare",
    "Olatunji", "Oladipo", "Ogunbiyi", "Abubakar", "Bello", "Ibrahim", "Mohammed", "Musa", "Sani", "Usman",
    "Yusuf", "Danjuma", "Lawal", "Adamu",
  ],
  turkish: [
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir", "Arslan",
    "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek", "Polat", "Özcan", "Korkmaz",
    "Çakır", "Erdoğan", "Yavuz", "Acar", "Aksoy", "Güneş", "Aktaş", "Tekin", "Güler", "Bulut", "Keskin",
  ],
};

/**
 * Surnames written before the given name in their own order ("Nguyễn Văn An", "Wang Wei"): a NAME rule that only
 * knows given-name-then-surname misses them. For a surname-first rule: one of these, then a given name.
 */
export const SURNAME_FIRST_SURNAMES: readonly string[] = [...SURNAMES_BY_LANGUAGE.vietnamese, ...SURNAMES_BY_LANGUAGE.chinese];

/** Letters that NFD does not decompose into a base letter and a mark. */
const NO_DECOMPOSITION: Readonly<Record<string, string>> = {
  "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "ß": "ss", "ı": "i", "Æ": "Ae", "æ": "ae", "Œ": "Oe", "œ": "oe",
};

/** The ASCII spelling people type when a keyboard lacks the letter: "Łukasz" -> "Lukasz", "Weiß" -> "Weiss". */
export function asciiFold(name: string): string {
  return name
    .replace(/[ŁłĐđØøßıÆæŒœ]/g, (c) => NO_DECOMPOSITION[c])
    .normalize("NFD")
    .replace(/\p{M}+/gu, "");
}

function withFolds(lists: Readonly<Record<NameLanguage, readonly string[]>>): readonly string[] {
  const all = new Set<string>();
  for (const list of Object.values(lists)) {
    for (const name of list) {
      all.add(name);
      all.add(asciiFold(name));
    }
  }
  return [...all].sort();
}

/** Every given name above, each with its ASCII fold. */
export const MULTILINGUAL_GIVEN_NAMES: readonly string[] = withFolds(GIVEN_NAMES_BY_LANGUAGE);

/** Every surname above, each with its ASCII fold. */
export const MULTILINGUAL_SURNAMES: readonly string[] = withFolds(SURNAMES_BY_LANGUAGE);

/**
 * Forms of address that precede a full name in these languages, as "Mr" and "Dear" do in English ("Sehr geehrte
 * Frau Anja Fischer", "Szanowny Panie Jakub Nowak", "Sayın Emine Demir"): a capitalised run ending in one of them is
 * not a title that swallows the name after it.
 */
export const MULTILINGUAL_HONORIFICS: readonly string[] = [
  "Sr", "Sra", "Srta", "Señor", "Señora", "Don", "Doña", "Estimado", "Estimada",
  "Sr.", "Sra.", "Prezado", "Prezada", "Senhor", "Senhora", "Caro", "Cara",
  "M.", "Mme", "Mlle", "Monsieur", "Madame", "Mademoiselle", "Maître",
  "Herr", "Frau", "Hr.", "Fr.", "Geehrte", "Geehrter", "Liebe", "Lieber",
  "Sig.", "Sig.ra", "Signor", "Signora", "Gentile", "Egregio", "Dott.", "Dott.ssa",
  "Pan", "Pani", "Panie", "Szanowny", "Szanowna",
  "Dhr.", "Mevr.", "Heer", "Mevrouw", "Beste",
  "Sayın", "Bay", "Bayan",
  "Shri", "Smt", "Sri", "Alhaji", "Alhaja", "Chief",
];

/**
 * Capitalised words that open place and street names in these languages ("San Francisco", "Monte Carlo", "Porto
 * Alegre", "Gran Vía", "Villa Borghese"); some are also given names somewhere, so a NAME rule should not start a full
 * name with one.
 */
export const PLACE_NAME_OPENERS: readonly string[] = [
  "San", "Santa", "Santo", "São", "Sao", "Saint", "Sainte", "Monte", "Porto", "Puerto", "Gran", "Grand", "Villa",
  "Via", "Calle", "Rua", "Rue", "Avenida", "Paseo", "Plaza", "Praça", "Praca", "Piazza", "Platz", "Ulica", "Costa",
  "Río", "Rio", "Lago", "Isla", "Ilha", "Bad", "Sankt", "Nieuw", "Den",
];
