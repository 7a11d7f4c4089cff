package app.dukkan.platform.db;

import app.dukkan.platform.DatabaseInfo;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class DatabaseInfoConfiguration {

    @Bean
    DatabaseInfo databaseInfo(Environment environment) {
        return new DatabaseInfo(new NoDatasourceUrlCondition().matches(environment));
    }
}
