package dev.bazaar.ui;

/** Registering and signing in, as a shopper does it. */
record AccountPages(Browser browser) {

    /** Registers a new customer on the register page; they are signed in and land on the catalog. */
    void register(String name, String email, String password) {
        browser.go("/register");
        browser.awaitHeading("Register");
        browser.check("register");
        browser.type("Name", name);
        browser.type("E-mail", email);
        browser.type("Password (8 characters or more)", password);
        browser.button("Register").click();
        awaitSignedIn();
    }

    void signIn(String email, String password) {
        browser.go("/signin");
        submitSignIn(email, password);
        awaitSignedIn();
    }

    /** Fills and sends the sign-in form already shown. */
    void submitSignIn(String email, String password) {
        browser.awaitHeading("Sign in");
        browser.type("E-mail", email);
        browser.type("Password", password);
        browser.button("Sign in").click();
    }

    void awaitSignedIn() {
        browser.button("Sign out");
    }

    void signOut() {
        browser.button("Sign out").click();
        browser.link("Sign in");
    }
}
