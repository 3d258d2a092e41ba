package dev.bazaar;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class BazaarApplication {
    public static void main(String[] args) {
        SpringApplication.run(BazaarApplication.class, args);
    }
}
