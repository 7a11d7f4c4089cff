package app.dukkan;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class DukkanApplication {
    public static void main(String[] args) {
        SpringApplication.run(DukkanApplication.class, args);
    }
}
