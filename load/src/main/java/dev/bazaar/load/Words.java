package dev.bazaar.load;

/** Believable product names and descriptions, so that browsing and search have something to rank. */
final class Words {

    static final String[] NOUNS = {"kettle", "mug", "grinder", "dripper", "teapot", "lantern", "blanket", "notebook",
            "backpack", "scarf", "bottle", "skillet", "apron", "candle", "basket", "tray"};
    static final String[] ADJECTIVES = {"copper", "ceramic", "walnut", "linen", "enamel", "stoneware", "woollen",
            "bamboo", "cast-iron", "glass", "leather", "cotton"};

    private Words() {
    }

    static String productName(int n) {
        return cap(ADJECTIVES[n % ADJECTIVES.length]) + " " + NOUNS[(n / ADJECTIVES.length) % NOUNS.length];
    }

    static String description(int n) {
        return "A " + ADJECTIVES[(n + 3) % ADJECTIVES.length] + " " + NOUNS[n % NOUNS.length]
                + " made to last, for the kitchen, the table or the trail.";
    }

    static String searchWord(int n) {
        return n % 2 == 0 ? NOUNS[n % NOUNS.length] : ADJECTIVES[n % ADJECTIVES.length];
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
